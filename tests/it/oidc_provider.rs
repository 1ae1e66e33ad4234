//! A real OpenID Connect provider for the tests: npm `oidc-provider` run by
//! `tests/oidc-provider/provider.mjs` on `localhost` (the app runs on `127.0.0.1`, so the two
//! never share cookies), and a user who signs in at it over plain HTTP.
//!
//! The provider accepts any login and password. The login becomes the account: `sub` is the
//! login; `email` is the login when it holds an `@`, else `<login>@example.org`, the login
//! read up to a `#` (`ada@example.com#work` is a second account with the address
//! `ada@example.com`); `email_verified` is true unless the login starts with `unverified`;
//! `name` is made from the login (`ada.lovelace@example.com` gives "Ada Lovelace"), and is
//! left out when the login contains `nameless`. With the scopes `openid email
//! profile`, those claims are in the ID token. PKCE (S256) is required, the login page comes
//! up on every authorization request, and the consent page when the client has no grant yet.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Url;
use reqwest::header::LOCATION;
use sha2::{Digest, Sha256};

/// How long the provider may take to say it listens (it usually takes about half a second).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How a client authenticates at the token endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAuth {
    /// `Authorization: Basic` with the id and the secret (the provider's default).
    ClientSecretBasic,
    /// `client_id` and `client_secret` in the form body.
    ClientSecretPost,
}

/// A client registered at the provider when it starts.
#[derive(Clone, Debug)]
pub struct TestClient {
    pub client_id: String,
    pub client_secret: String,
    /// Matched exactly, port included, unless `any_loopback_port` is set.
    pub redirect_uris: Vec<String>,
    pub token_auth: TokenAuth,
    /// Registers the client as `application_type: native`: then a redirect URI on
    /// `http://127.0.0.1/...` (or `[::1]`) matches that URI with any port (RFC 8252, 7.3), so
    /// the client can be registered before the app knows its port. Path and query still
    /// match exactly.
    pub any_loopback_port: bool,
}

impl TestClient {
    /// A web client with one redirect URI that authenticates with `client_secret_basic`.
    pub fn new(client_id: &str, client_secret: &str, redirect_uri: &str) -> Self {
        TestClient {
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            redirect_uris: vec![redirect_uri.to_owned()],
            token_auth: TokenAuth::ClientSecretBasic,
            any_loopback_port: false,
        }
    }

    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "redirect_uris": self.redirect_uris,
            "token_endpoint_auth_method": match self.token_auth {
                TokenAuth::ClientSecretBasic => "client_secret_basic",
                TokenAuth::ClientSecretPost => "client_secret_post",
            },
            "application_type": if self.any_loopback_port { "native" } else { "web" },
        })
    }
}

/// A running provider; the process is killed when this is dropped.
pub struct OidcProvider {
    issuer: String,
    child: Child,
}

impl OidcProvider {
    /// Starts a provider that knows `clients` (runs `npm ci` first when its packages are
    /// missing). Blocks until it listens: about half a second.
    pub fn start(clients: &[TestClient]) -> OidcProvider {
        let dir = provider_dir();
        ensure_packages(&dir);
        let config = serde_json::json!({
            "clients": clients.iter().map(TestClient::to_json).collect::<Vec<_>>(),
            "exit_when_stdin_closes": true,
        });
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .arg(config.to_string())
            .current_dir(&dir)
            // The provider exits when this pipe closes: even if the test process is killed, no
            // node process is left behind.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("could not run node (is Node.js installed?)");

        let stderr = child.stderr.take().unwrap();
        let stderr_text = Arc::new(Mutex::new(String::new()));
        let collected = stderr_text.clone();
        let stderr_reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                // Its start-up warnings (Node 20, in-memory adapter, dev interactions) are
                // expected; anything else (a server_error) is worth seeing.
                if !line.starts_with("oidc-provider WARNING") {
                    eprintln!("oidc-provider: {line}");
                }
                let mut text = collected.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });

        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = sender.send(line);
            // Keep the pipe open and drained for as long as the provider runs.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });

        let line = receiver.recv_timeout(START_TIMEOUT).unwrap_or_default();
        let Some(issuer) = line.trim().strip_prefix("listening ").map(str::to_owned) else {
            let _ = child.kill();
            let _ = child.wait();
            let _ = stderr_reader.join();
            panic!(
                "the OpenID Connect provider did not start (first line: {line:?}); stderr:\n{}",
                stderr_text.lock().unwrap()
            );
        };
        OidcProvider { issuer, child }
    }

    /// `http://localhost:PORT`, exactly as in the discovery document (no trailing slash).
    pub fn issuer(&self) -> &str {
        &self.issuer
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc-provider")
}

/// Runs `npm ci` once per test process when `oidc-provider` is not installed (tests that
/// start at the same time wait for the one that installs).
fn ensure_packages(dir: &std::path::Path) {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        if dir.join("node_modules/oidc-provider/package.json").exists() {
            return;
        }
        let output = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .expect("could not run npm (is Node.js installed?)");
        assert!(
            output.status.success(),
            "npm ci in {} failed:\n{}\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    });
}

/// Plays the user at the provider: GETs `authorize_url`, fills in the login form with
/// `login` (any password), submits the consent form when it comes, and follows the
/// provider's redirects (the `client`'s cookie store carries the provider's cookies). Returns
/// the first redirect that leaves the provider's origin, without requesting it: the client's
/// redirect URI with `code`, `state` and `iss` (or `error` when the provider refused).
///
/// `client` must not follow redirects itself (as the test app's client). Panics on any other
/// answer from the provider, with its page in the message.
pub async fn sign_in_at_provider(
    client: &reqwest::Client,
    authorize_url: &str,
    login: &str,
) -> String {
    let start = Url::parse(authorize_url).expect("the authorize URL is not a URL");
    let origin = start.origin();
    let mut response = client.get(start).send().await.unwrap();
    for _ in 0..20 {
        let status = response.status();
        let url = response.url().clone();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(LOCATION)
                .unwrap_or_else(|| panic!("{status} without a Location at {url}"))
                .to_str()
                .unwrap()
                .to_owned();
            let next = url.join(&location).unwrap();
            if next.origin() != origin {
                return location;
            }
            response = client.get(next).send().await.unwrap();
            continue;
        }
        let page = response.text().await.unwrap();
        assert!(
            status.is_success(),
            "the provider answered {status} at {url}:\n{page}"
        );
        let (action, mut fields) =
            first_form(&page).unwrap_or_else(|| panic!("no form at {url}:\n{page}"));
        let prompt = fields
            .iter()
            .find(|(name, _)| name == "prompt")
            .map(|(_, value)| value.clone());
        match prompt.as_deref() {
            Some("login") => {
                fields.retain(|(name, _)| name != "login" && name != "password");
                fields.push(("login".into(), login.into()));
                fields.push(("password".into(), "any".into()));
            }
            // Consent, or the page that ends the session of the account signed in before
            // (a browser submits it by script): its hidden fields are the answer.
            Some("consent") | None => {}
            Some(other) => panic!("unexpected interaction {other:?} at {url}:\n{page}"),
        }
        let action = url.join(&action).unwrap();
        response = client.post(action).form(&fields).send().await.unwrap();
    }
    panic!("the provider never redirected back to the client from {authorize_url}");
}

/// The action and the hidden fields of the first form of a provider page.
fn first_form(page: &str) -> Option<(String, Vec<(String, String)>)> {
    static FORM: OnceLock<regex::Regex> = OnceLock::new();
    static HIDDEN: OnceLock<regex::Regex> = OnceLock::new();
    let form = FORM.get_or_init(|| {
        regex::Regex::new(r#"(?s)<form[^>]*\saction="([^"]*)"[^>]*>(.*?)</form>"#).unwrap()
    });
    let hidden = HIDDEN.get_or_init(|| {
        regex::Regex::new(r#"<input[^>]*type="hidden"[^>]*name="([^"]*)"[^>]*value="([^"]*)""#)
            .unwrap()
    });
    let found = form.captures(page)?;
    let fields = hidden
        .captures_iter(&found[2])
        .map(|field| (unescape(&field[1]), unescape(&field[2])))
        .collect();
    Some((unescape(&found[1]), fields))
}

/// Undoes the provider's HTML escaping of attribute values.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

// Self-tests: the provider and the user above, against the real thing.

const REDIRECT: &str = "http://127.0.0.1:9/auth/oidc/callback";

fn test_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

async fn discovery(client: &reqwest::Client, issuer: &str) -> serde_json::Value {
    let response = client
        .get(format!("{issuer}/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The authorize URL an app would build: code flow, PKCE S256, state and nonce.
fn authorize_url(
    metadata: &serde_json::Value,
    client_id: &str,
    redirect_uri: &str,
    verifier: &str,
    state: &str,
    nonce: &str,
) -> String {
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let mut url = Url::parse(metadata["authorization_endpoint"].as_str().unwrap()).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", "openid email profile")
        .append_pair("state", state)
        .append_pair("nonce", nonce)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    url.into()
}

fn query_param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The payload of a JWT, not verified (the app's OIDC code verifies signatures).
fn jwt_payload(jwt: &str) -> serde_json::Value {
    let payload = jwt.split('.').nth(1).expect("not a JWT");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

/// Signs `login` in with a fresh state, nonce and verifier; exchanges the code; returns
/// the ID token's payload and the nonce sent.
async fn sign_in_and_exchange(
    client: &reqwest::Client,
    provider: &OidcProvider,
    test_client: &TestClient,
    redirect_uri: &str,
    login: &str,
) -> (serde_json::Value, String) {
    let metadata = discovery(client, provider.issuer()).await;
    let (verifier, state, nonce) = (random_token(), random_token(), random_token());
    let url = authorize_url(
        &metadata,
        &test_client.client_id,
        redirect_uri,
        &verifier,
        &state,
        &nonce,
    );

    let back = sign_in_at_provider(client, &url, login).await;

    assert!(back.starts_with(redirect_uri), "{back}");
    let back = Url::parse(&back).unwrap();
    assert_eq!(query_param(&back, "state").as_deref(), Some(state.as_str()));
    assert_eq!(
        query_param(&back, "iss").as_deref(),
        Some(provider.issuer())
    );
    let code = query_param(&back, "code").expect("no code in the redirect");

    let token_endpoint = metadata["token_endpoint"].as_str().unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", redirect_uri),
        ("code_verifier", &verifier),
    ];
    let request = client.post(token_endpoint);
    let request = match test_client.token_auth {
        TokenAuth::ClientSecretBasic => request
            .basic_auth(&test_client.client_id, Some(&test_client.client_secret))
            .form(&form),
        TokenAuth::ClientSecretPost => {
            let mut form = form.to_vec();
            form.push(("client_id", &test_client.client_id));
            form.push(("client_secret", &test_client.client_secret));
            request.form(&form)
        }
    };
    let response = request.send().await.unwrap();
    let status = response.status();
    let tokens: serde_json::Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer", "{tokens}");
    let id_token = tokens["id_token"].as_str().expect("no id_token");
    (jwt_payload(id_token), nonce)
}

#[actix_web::test]
async fn provider_publishes_its_discovery_document() {
    let provider = OidcProvider::start(&[TestClient::new("accolade", "secret", REDIRECT)]);
    assert!(provider.issuer().starts_with("http://localhost:"));
    assert!(!provider.issuer().ends_with('/'));

    let metadata = discovery(&test_client(), provider.issuer()).await;

    assert_eq!(metadata["issuer"], provider.issuer());
    for endpoint in ["authorization_endpoint", "token_endpoint", "jwks_uri"] {
        let url = metadata[endpoint].as_str().unwrap_or_default();
        assert!(url.starts_with(provider.issuer()), "{endpoint}: {url:?}");
    }
    assert_eq!(
        metadata["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    let jwks: serde_json::Value = test_client()
        .get(metadata["jwks_uri"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(jwks["keys"][0]["alg"], "RS256", "{jwks}");
}

#[actix_web::test]
async fn provider_signs_a_user_in_and_redirects_back_with_a_code() {
    let registered = TestClient::new("accolade", "s3cret", REDIRECT);
    let provider = OidcProvider::start(std::slice::from_ref(&registered));
    let client = test_client();

    let (claims, nonce) = sign_in_and_exchange(
        &client,
        &provider,
        &registered,
        REDIRECT,
        "ada.lovelace@example.com",
    )
    .await;

    assert_eq!(claims["iss"], provider.issuer());
    assert_eq!(claims["aud"], "accolade");
    assert_eq!(claims["nonce"], nonce.as_str());
    assert_eq!(claims["sub"], "ada.lovelace@example.com");
    assert_eq!(claims["email"], "ada.lovelace@example.com");
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["name"], "Ada Lovelace");

    // The same browser signs in again as someone else: the login page comes up again.
    let (claims, _) =
        sign_in_and_exchange(&client, &provider, &registered, REDIRECT, "unverified-bob").await;
    assert_eq!(claims["sub"], "unverified-bob");
    assert_eq!(claims["email"], "unverified-bob@example.org");
    assert_eq!(claims["email_verified"], false);
    assert_eq!(claims["name"], "Unverified Bob");
}

#[actix_web::test]
async fn a_loopback_client_takes_any_port_and_may_post_its_secret() {
    let mut registered = TestClient::new("cli", "other", "http://127.0.0.1/callback");
    registered.any_loopback_port = true;
    registered.token_auth = TokenAuth::ClientSecretPost;
    let provider = OidcProvider::start(&[registered.clone()]);

    let (claims, _) = sign_in_and_exchange(
        &test_client(),
        &provider,
        &registered,
        "http://127.0.0.1:4321/callback",
        "grace",
    )
    .await;

    assert_eq!(claims["aud"], "cli");
    assert_eq!(claims["email"], "grace@example.org");
    assert_eq!(claims["name"], "Grace");
}

#[actix_web::test]
async fn a_redirect_uri_that_does_not_match_is_refused_at_the_provider() {
    let provider = OidcProvider::start(&[TestClient::new("accolade", "secret", REDIRECT)]);
    let client = test_client();
    let metadata = discovery(&client, provider.issuer()).await;
    let url = authorize_url(
        &metadata,
        "accolade",
        "http://127.0.0.1:10/auth/oidc/callback",
        &random_token(),
        "state",
        "nonce",
    );

    let response = client.get(url).send().await.unwrap();

    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("redirect_uri"));
}

#[test]
#[should_panic(expected = "redirect_uris must only contain valid uris")]
fn a_client_the_provider_refuses_stops_the_start_with_its_reason() {
    OidcProvider::start(&[TestClient::new("accolade", "secret", "not a URL")]);
}
