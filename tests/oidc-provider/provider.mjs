// A real OpenID Connect provider (npm oidc-provider) for Accolade's integration tests.
//
// Usage: node provider.mjs '<config JSON>'   (or the JSON in OIDC_PROVIDER_CONFIG)
//
// Config: { "clients": [ { "client_id": "...", "client_secret": "...",
//                          "redirect_uris": ["http://127.0.0.1:PORT/..."],
//                          "token_endpoint_auth_method": "client_secret_basic",
//                          "application_type": "web" } ],
//           "port": 0, "exit_when_stdin_closes": false }
//
// It listens on localhost (port 0 unless "port" is given), takes the issuer
// `http://localhost:<actual port>` and prints `listening <issuer>` on stdout once it serves.
// The built-in development login and consent pages accept any login and password. The login
// page comes up on every authorization request (no single sign-on), then the consent page
// when the client has no grant yet for those scopes. The login becomes the account:
// sub = login; email = login if it has an '@', else login@example.org, where the login is
// read up to a '#' (so "ada@example.com#work" is a second account with ada's address);
// email_verified unless the login starts with "unverified"; name made from the login, and
// none at all when the login contains "nameless".
// Email and name are put in the ID token, not only in the userinfo response.

import * as crypto from 'node:crypto';
import * as http from 'node:http';

import Provider, { interactionPolicy } from 'oidc-provider';

function readConfig() {
  const text = process.argv[2] ?? process.env.OIDC_PROVIDER_CONFIG;
  if (!text) {
    throw new Error('give the configuration as one JSON argument or in OIDC_PROVIDER_CONFIG');
  }
  const config = JSON.parse(text);
  if (!Array.isArray(config.clients) || config.clients.length === 0) {
    throw new Error('the configuration needs a non-empty "clients" array');
  }
  return config;
}

// "ada.lovelace@example.com" -> "Ada Lovelace"; "unverified-bob" -> "Unverified Bob".
function nameFrom(login) {
  const local = login.split('@')[0];
  const words = local.split(/[._+\-\s]+/).filter(Boolean);
  if (words.length === 0) return login;
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
}

function account(login) {
  const address = login.split('#')[0];
  const claims = {
    sub: login,
    email: address.includes('@') ? address : `${address}@example.org`,
    email_verified: !login.startsWith('unverified'),
  };
  if (!login.includes('nameless')) claims.name = nameFrom(address);
  return claims;
}

const config = readConfig();

// The login page comes up on every authorization request, even when this provider already
// has a session for the browser: a test that signs in as "bob" after "alice" with the same
// cookie store gets bob. Only the submission of that login (ctx.oidc.result.login) passes.
const policy = interactionPolicy.base();
policy.get('login').checks.add(new interactionPolicy.Check(
  'every_time',
  'every sign-in asks for the login',
  (ctx) => (ctx.oidc.result?.login
    ? interactionPolicy.Check.NO_NEED_TO_PROMPT
    : interactionPolicy.Check.REQUEST_PROMPT),
));

const clients = config.clients.map((client) => ({
  client_id: client.client_id,
  client_secret: client.client_secret,
  redirect_uris: client.redirect_uris,
  token_endpoint_auth_method: client.token_endpoint_auth_method ?? 'client_secret_basic',
  // "native": a redirect URI on 127.0.0.1 / [::1] matches whatever port the request names
  // (RFC 8252 7.3), so it can be registered before the app knows its port.
  application_type: client.application_type ?? 'web',
  grant_types: ['authorization_code'],
  response_types: ['code'],
}));

// A fresh signing key each start: a token from another run never verifies.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };

// The server first, so the issuer can carry the port it really got.
const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(config.port ?? 0, 'localhost', resolve);
});
const issuer = `http://localhost:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signingKey] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Claims of the granted scopes go in the ID token too, not only in the userinfo response.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
  },
  interactions: { policy },
  // Names of their own, so they never meet an app's cookies (the app runs on 127.0.0.1,
  // this on localhost: cookies are per host, not per port, so this is belt and braces).
  cookies: {
    names: {
      session: 'op_session',
      interaction: 'op_interaction',
      resume: 'op_interaction_resume',
    },
    keys: [crypto.randomBytes(32).toString('hex')],
  },
  async findAccount(_ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return account(sub);
      },
    };
  },
});

provider.on('server_error', (_ctx, error) => {
  console.error('oidc-provider server_error:', error);
});

// Static clients are checked on first use: check them now, so a bad one stops the start.
for (const { client_id: id } of clients) {
  if (!await provider.Client.find(id)) {
    throw new Error(`client ${JSON.stringify(id)} was not registered`);
  }
}

server.on('request', provider.callback());
process.stdout.write(`listening ${issuer}\n`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}

// The test process holds our stdin: when it goes, however it ends, so do we.
if (config.exit_when_stdin_closes) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}
