// A plain, standard OpenID provider for the interop test (issue 7): panva's oidc-provider, pinned in
// tools/package.json and installed by `cargo xtask setup`. Configured as toolchain.md §5 describes, minus
// everything Cognito-specific: no Cognito claims or paths, opaque access tokens, standard RP-initiated logout.
//
//   PORT=0 SPA_ORIGIN=http://127.0.0.1:8080 node tests/interop/op.mjs
//
// Listens on 127.0.0.1 only (PORT 0 or unset: a free port) and prints one JSON line when ready:
// {"issuer":"http://127.0.0.1:<port>","client_id":"cogfed-interop-spa"}. Stops on SIGTERM/SIGINT.
import http from 'node:http';
import crypto from 'node:crypto';

const SPA_ORIGIN = process.env.SPA_ORIGIN;
if (!SPA_ORIGIN) {
  console.error('SPA_ORIGIN is required, e.g. http://127.0.0.1:8080');
  process.exit(2);
}
const PORT = Number(process.env.PORT || 0);
const CLIENT_ID = process.env.CLIENT_ID || 'cogfed-interop-spa';
const providerModule = process.env.OIDC_PROVIDER_MODULE
  || new URL('../../tools/node_modules/oidc-provider/lib/index.js', import.meta.url).href;
const { default: Provider } = await import(providerModule);

const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(PORT, '127.0.0.1', resolve);
});
const ISSUER = `http://127.0.0.1:${server.address().port}`;

const configuration = {
  clients: [{
    client_id: CLIENT_ID,
    token_endpoint_auth_method: 'none',           // a public client: a browser keeps no secret
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [`${SPA_ORIGIN}/callback`],
    post_logout_redirect_uris: [`${SPA_ORIGIN}/`],
  }],
  pkce: { required: () => true },                 // S256 only in v9
  clientBasedCORS: (ctx, origin) => origin === SPA_ORIGIN,
  features: {
    devInteractions: { enabled: true },           // built-in login + consent pages; any login/password
    revocation: { enabled: true },
    userinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },         // the standard "Do you want to sign out?" confirmation
  },
  scopes: ['openid', 'email', 'profile', 'offline_access'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    async claims() {
      return { sub, email: `${sub}@example.test`, email_verified: true, name: `User ${sub}` };
    },
  }),
  ttl: { AccessToken: 600, IdToken: 600, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
};

const provider = new Provider(ISSUER, configuration);
provider.on('server_error', (ctx, err) => console.error('server_error', err));
// Browsers ask every origin for a favicon; a 404 would be a console error in the test's browser.
provider.use(async (ctx, next) => {
  if (ctx.path === '/favicon.ico') {
    ctx.status = 204;
    return;
  }
  await next();
});
// The dev pages @import Google Fonts; this machine (and CI) has no outside network, and a test must not
// reach out: drop the import so the browser makes no request and logs no error for it.
provider.use(async (ctx, next) => {
  await next();
  if (typeof ctx.body === 'string' && ctx.body.includes('fonts.googleapis.com')) {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com\/[^)]*\);?/g, '');
  }
});
server.on('request', provider.callback());
console.log(JSON.stringify({ issuer: ISSUER, client_id: CLIENT_ID }));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
