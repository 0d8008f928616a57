// A real OpenID Connect provider (the npm package oidc-provider) on the loopback, for the single sign-on
// tests (conftest.py starts it). Its one argument is JSON: {port, clients: [...], accounts: {login: claims}}.
// Its own development login page accepts any password: the login typed is the account.
import Provider from "oidc-provider";

const config = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${config.port}`;

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
    ...client,
  })),
  async findAccount(ctx, id) {
    const claims = config.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "preferred_username", "hd", "tid"],
  },
  // Every claim in the id token too, as Google and Microsoft send them.
  conformIdTokenClaims: false,
  cookies: { keys: ["only-for-the-tests"] },
  features: { devInteractions: { enabled: true } },
});
provider.listen(config.port, "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
