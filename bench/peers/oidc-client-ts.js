// The minimal "sign in + callback + show claims" app with oidc-client-ts alone (peers.md Appendix A), pointed at
// any issuer: the page's <meta name="oidc-authority"> and <meta name="oidc-client-id"> say which. Built by
// `cargo xtask bench` with esbuild (peers.md §2 flags) for the size table, and served as a page of its own,
// against Local Cognito, for the callback-latency table.
import { UserManager } from "oidc-client-ts";

const setting = (name) => document.querySelector(`meta[name="oidc-${name}"]`)?.content ?? "";
const root = document.getElementById("root");
const um = new UserManager({
  authority: setting("authority"),
  client_id: setting("client-id"),
  redirect_uri: location.origin + "/callback",
  scope: "openid email profile",
});

if (location.search.includes("code=")) {
  um.signinCallback().then(
    (user) => {
      const claims = document.createElement("pre");
      claims.id = "claims";
      claims.textContent = JSON.stringify(user.profile, null, 2);
      root.replaceChildren(claims);
      root.dataset.state = "signed-in";
      // Signed in and the claims are in the document: what the latency bench times.
      performance.mark("peer:signed-in");
    },
    (error) => {
      root.textContent = String(error);
      root.dataset.state = "error";
    },
  );
} else {
  const signIn = document.createElement("button");
  signIn.id = "signin";
  signIn.textContent = "Sign in";
  signIn.onclick = () => um.signinRedirect();
  root.replaceChildren(signIn);
  root.dataset.state = "signed-out";
}
