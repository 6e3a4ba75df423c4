// The same minimal "sign in + callback + show claims" app with oauth4webapi (peers.md Appendix A), pointed at any
// issuer by the page's <meta name="oidc-authority"> and <meta name="oidc-client-id">. oauth4webapi is a protocol
// library: the app keeps the transaction itself (sessionStorage here). Built by `cargo xtask bench` with esbuild
// (peers.md §2 flags) for the size table.
import * as oauth from "oauth4webapi";

const setting = (name) => document.querySelector(`meta[name="oidc-${name}"]`)?.content ?? "";
const root = document.getElementById("root");
const issuer = new URL(setting("authority"));
const client = { client_id: setting("client-id") };
const redirect_uri = location.origin + "/callback";
const as = await oauth
  .discoveryRequest(issuer)
  .then((response) => oauth.processDiscoveryResponse(issuer, response));

if (location.search.includes("code=")) {
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), sessionStorage.getItem("state"));
  const response = await oauth.authorizationCodeGrantRequest(
    as, client, oauth.None(), params, redirect_uri, sessionStorage.getItem("cv"),
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: sessionStorage.getItem("nonce"),
  });
  const claims = document.createElement("pre");
  claims.id = "claims";
  claims.textContent = JSON.stringify(oauth.getValidatedIdTokenClaims(result), null, 2);
  root.replaceChildren(claims);
  performance.mark("peer:signed-in");
} else {
  const signIn = document.createElement("button");
  signIn.id = "signin";
  signIn.textContent = "Sign in";
  signIn.onclick = async () => {
    const cv = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    sessionStorage.setItem("cv", cv);
    sessionStorage.setItem("state", state);
    sessionStorage.setItem("nonce", nonce);
    const url = new URL(as.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: client.client_id, redirect_uri, response_type: "code", scope: "openid email profile", state, nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(cv), code_challenge_method: "S256",
    });
    location.href = url.href;
  };
  root.replaceChildren(signIn);
}
