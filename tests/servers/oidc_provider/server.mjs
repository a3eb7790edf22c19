// A real OpenID Connect provider for Zhongtai's integration tests (oauth2-mock-server).
//
// Start:   node server.mjs <port>            (or OIDC_PROVIDER_PORT=<port> node server.mjs)
// Ready:   prints one line `OIDC provider ready issuer=http://127.0.0.1:<port>` on stdout.
// Stop:    SIGTERM / SIGINT.
//
// It publishes discovery (/.well-known/openid-configuration) and a JWKS (/jwks) holding one
// RS256 key generated at start-up, and signs every token it issues with that key.
//
// Tokens with chosen claims: POST /token (application/x-www-form-urlencoded) with
//   grant_type=client_credentials
//   claims=<JSON object>      e.g. {"sub": "u-1", "email": "ada@example.com",
//                                    "groups": ["acme-admins"], "aud": "zhongtai",
//                                    "exp": 1700000000}
// The `beforeTokenSigning` hook below merges that object into the token payload after the
// provider has set its defaults (iss, iat, nbf, exp = now + 1 h), so any claim, including
// `iss` and `exp`, can be overridden; a claim given as null is removed from the token.
// The answer is the provider's usual token response; `access_token` holds the signed JWT.
// A `claims` value that is not a JSON object is refused with 400 invalid_request.

import { OAuth2Server } from "oauth2-mock-server";

const HOST = "127.0.0.1";
const port = Number.parseInt(process.argv[2] ?? process.env.OIDC_PROVIDER_PORT ?? "", 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error("usage: node server.mjs <port>   (or set OIDC_PROVIDER_PORT)");
  process.exit(2);
}

function requestedClaims(req) {
  const raw = req.body?.claims;
  if (raw === undefined || raw === "") {
    return {};
  }
  const claims = typeof raw === "string" ? JSON.parse(raw) : raw;
  if (claims === null || typeof claims !== "object" || Array.isArray(claims)) {
    throw new TypeError("'claims' must be a JSON object");
  }
  return claims;
}

const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
// Pin the issuer to the address we listen on (the library would otherwise say "localhost").
server.issuer.url = `http://${HOST}:${port}`;

// Refuse malformed `claims` before a token is built, with the provider's own error shape.
server.service.on("beforeResponse", (response, req) => {
  try {
    requestedClaims(req);
  } catch (error) {
    response.statusCode = 400;
    response.body = { error: "invalid_request", error_description: String(error.message) };
  }
});

server.service.on("beforeTokenSigning", (token, req) => {
  let claims;
  try {
    claims = requestedClaims(req);
  } catch {
    return; // answered with 400 by the beforeResponse hook
  }
  for (const [name, value] of Object.entries(claims)) {
    if (value === null) {
      delete token.payload[name];
    } else {
      token.payload[name] = value;
    }
  }
});

await server.start(port, HOST);
console.log(`OIDC provider ready issuer=${server.issuer.url}`);

let stopping = false;
async function stop() {
  if (stopping) {
    return;
  }
  stopping = true;
  await server.stop();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
