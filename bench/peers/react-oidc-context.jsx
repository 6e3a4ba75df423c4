// The same minimal app as oidc-client-ts.js with React and react-oidc-context (peers.md Appendix A), React
// bundled. Built with `--jsx=automatic` by `cargo xtask bench` for the size table.
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { AuthProvider, useAuth } from "react-oidc-context";

const setting = (name) => document.querySelector(`meta[name="oidc-${name}"]`)?.content ?? "";

function App() {
  const auth = useAuth();
  useEffect(() => {
    if (auth.isAuthenticated) performance.mark("peer:signed-in");
  }, [auth.isAuthenticated]);
  if (auth.isAuthenticated) return <pre id="claims">{JSON.stringify(auth.user.profile, null, 2)}</pre>;
  if (auth.error) return <p id="error">{String(auth.error)}</p>;
  return <button id="signin" onClick={() => auth.signinRedirect()}>Sign in</button>;
}

createRoot(document.getElementById("root")).render(
  <AuthProvider
    authority={setting("authority")}
    client_id={setting("client-id")}
    redirect_uri={location.origin + "/callback"}
    scope="openid email profile"
    onSigninCallback={() => history.replaceState({}, "", "/")}
  >
    <App />
  </AuthProvider>,
);
