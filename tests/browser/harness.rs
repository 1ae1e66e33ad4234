//! `Browser`: a headless Chromium driven through its own chromedriver (WebDriver), with the
//! few moves the journey tests make (go, fill, click, tab, read) and an axe-core check.
//!
//! Each `Browser` starts a chromedriver on a port the driver picks and reports (`--port=0`),
//! in a process group of its own with the Chromium it launches, and a fresh profile in a
//! temporary folder. Dropping it, after a panic too, kills the group and removes the folder;
//! `close` first ends the WebDriver session cleanly.

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The folder of the browser tests: `package.json` and `node_modules` for axe-core.
const HERE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser");
const INSTALL_HINT: &str = "apt-get install -y chromium chromium-driver";
/// What chromedriver prints on stdout once it listens.
const STARTED: &str = "started successfully on port ";
/// How long an element may take to appear.
const WAIT: Duration = Duration::from_secs(5);
/// How long a page may take to replace the one it was left for (a sign-up hashes a password,
/// slowly in a debug build).
const NAVIGATION: Duration = Duration::from_secs(15);

/// Chromium's switches: headless, as root in a container, and quiet (no update, sync or
/// other background traffic). `--user-data-dir` is added per browser.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1280,1024",
    "--lang=en-US",
];

/// What axe checks: WCAG 2.0 and 2.1, levels A and AA, and its best practices.
const AXE_RUN: &str = r"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
  .then(
    (r) => done({
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      })),
    }),
    (e) => done({ error: String(e && e.stack || e) }),
  );
";

/// A real browser for one test.
pub struct Browser {
    client: Option<Client>,
    driver: Child,
    /// The profile and chromedriver's log (which holds Chromium's output too).
    dir: PathBuf,
}

/// The element that has the keyboard focus.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct Focused {
    /// Lower case: `a`, `main`, `input`, `body` when nothing has the focus.
    pub tag: String,
    pub id: String,
    /// Its visible text (or value, or `aria-label`), whitespace collapsed.
    pub text: String,
    pub href: Option<String>,
}

/// One axe rule the page breaks, and where.
#[derive(Debug, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    /// CSS selectors of the offending elements.
    pub targets: Vec<String>,
}

#[derive(Deserialize)]
struct AxeResults {
    #[serde(default)]
    passes: usize,
    #[serde(default)]
    violations: Vec<Violation>,
    error: Option<String>,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh profile.
    ///
    /// chromedriver picks a free port for IPv4 and then tries the same one for IPv6; when
    /// another program holds that one (tests start many drivers at once), it exits before it
    /// serves. It is then started again, on another port.
    pub async fn start() -> Browser {
        for _ in 0..3 {
            if let Ok(browser) = Browser::start_once().await {
                return browser;
            }
        }
        match Browser::start_once().await {
            Ok(browser) => browser,
            Err(log) => panic!("chromedriver did not report its port\n{log}"),
        }
    }

    async fn start_once() -> Result<Browser, String> {
        let chromedriver = program("chromedriver", "/usr/bin/chromedriver");
        let chromium = program("chromium", "/usr/bin/chromium");
        remove_stale_runs();

        let dir = std::env::temp_dir().join(format!(
            "accolade-browser-{}-{}",
            std::process::id(),
            hex::encode(rand::random::<[u8; 4]>())
        ));
        fs::create_dir(&dir).unwrap();
        let log = File::create(dir.join("chromedriver.log")).unwrap();
        let mut driver = Command::new(&chromedriver)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            // Chromium joins this group: one signal ends the driver and the whole browser.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", chromedriver.display()));
        fs::write(dir.join("chromedriver.pid"), driver.id().to_string()).unwrap();
        let stdout = driver.stdout.take().unwrap();
        let mut browser = Browser {
            client: None,
            driver,
            dir,
        };

        // chromedriver picks a free port and prints it; keep reading so it never blocks on a
        // full pipe.
        let (port_tx, port_rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let mut port_tx = Some(port_tx);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some((_, rest)) = line.split_once(STARTED)
                    && let Ok(port) = rest.trim_end_matches('.').parse::<u16>()
                    && let Some(tx) = port_tx.take()
                {
                    let _ = tx.send(port);
                }
            }
        });
        let port = match tokio::time::timeout(Duration::from_secs(20), port_rx).await {
            Ok(Ok(port)) => port,
            _ => return Err(browser.driver_log()),
        };

        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|&a| a.to_owned()).collect();
        args.push(format!(
            "--user-data-dir={}",
            browser.dir.join("profile").display()
        ));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        // Plain HTTP to 127.0.0.1; the connector is the system's OpenSSL (native-tls), already
        // in the build for mail, rather than rustls (which builds aws-lc from source).
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "chromedriver could not start Chromium: {e}\n{}",
                    browser.driver_log()
                )
            });
        browser.client = Some(client);
        Ok(browser)
    }

    /// The WebDriver client, for what the helpers below do not cover.
    pub fn client(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    /// Ends the WebDriver session (Chromium quits), then stops chromedriver.
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            client.close().await.unwrap();
        }
        // Drop stops chromedriver and removes the folder.
    }

    /// Opens `url` and waits for the page to load.
    pub async fn goto(&self, url: &str) {
        self.client()
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("could not open {url}: {e}"));
    }

    pub async fn current_url(&self) -> String {
        self.client().current_url().await.unwrap().to_string()
    }

    /// Runs `script` (a function body: `return ...`) in the page and returns its result.
    pub async fn eval<T: DeserializeOwned>(&self, script: &str) -> T {
        let value = self
            .client()
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"));
        serde_json::from_value(value).unwrap()
    }

    /// The text of the page's `h1`, whitespace collapsed.
    pub async fn h1(&self) -> String {
        let h1 = self.wait_for("h1").await;
        collapse(&h1.text().await.unwrap())
    }

    /// The text a reader sees on the page.
    pub async fn text(&self) -> String {
        self.eval("return document.body.innerText").await
    }

    /// The `lang` of the page (`<html lang>`).
    pub async fn lang(&self) -> String {
        self.eval("return document.documentElement.lang").await
    }

    /// Waits until an element matches the CSS selector, and returns it.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.client()
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css:?} after {WAIT:?}: {e}"))
    }

    /// The field labelled `label_or_name`: its `<label>` text (or the start of it), else its
    /// `aria-label`, `name` or `id`.
    pub async fn field(&self, label_or_name: &str) -> Element {
        const FIND: &str = r#"
const [key] = arguments;
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const labels = [...document.querySelectorAll('label')];
const byLabel = labels.find((l) => norm(l.textContent) === key && l.control)
  || labels.find((l) => norm(l.textContent).startsWith(key) && l.control);
const fields = [...document.querySelectorAll('input, textarea, select')];
const field = (byLabel && byLabel.control)
  || fields.find((f) => f.getAttribute('aria-label') === key || f.name === key || f.id === key);
if (field) return { field };
return { known: labels.map((l) => norm(l.textContent)).concat(fields.map((f) => f.name)) };
"#;
        let found = self
            .client()
            .execute(FIND, vec![json!(label_or_name)])
            .await
            .unwrap();
        match self.element(&found["field"]) {
            Some(field) => field,
            None => panic!(
                "no field labelled or named {label_or_name:?} on {}; there are {}",
                self.current_url().await,
                found["known"]
            ),
        }
    }

    /// Types `value` into the field labelled `label_or_name` (see [`Browser::field`]), as a
    /// user would; a `<select>` gets the option of that text.
    pub async fn fill(&self, label_or_name: &str, value: &str) {
        let field = self.field(label_or_name).await;
        if field
            .tag_name()
            .await
            .unwrap()
            .eq_ignore_ascii_case("select")
        {
            field.select_by_label(value).await.unwrap();
        } else {
            field.clear().await.unwrap();
            field.send_keys(value).await.unwrap();
        }
    }

    /// What the field labelled `label_or_name` holds now.
    pub async fn value(&self, label_or_name: &str) -> String {
        let field = self.field(label_or_name).await;
        field.prop("value").await.unwrap().unwrap_or_default()
    }

    /// Ticks the checkbox labelled `label_or_name` (a click, as a user would), unless it is
    /// ticked already.
    pub async fn check(&self, label_or_name: &str) {
        let field = self.field(label_or_name).await;
        if !field.is_selected().await.unwrap() {
            field.click().await.unwrap();
        }
        assert!(
            field.is_selected().await.unwrap(),
            "{label_or_name:?} is still not ticked"
        );
    }

    /// Does `action` (a click or a key press that leaves the page: a link followed, a form
    /// sent), then waits until the next page has loaded. WebDriver's click may return before a
    /// form's navigation has even started, and the old page still answers then.
    pub async fn leaving<F: Future>(&self, action: F) -> F::Output {
        const MARK: &str = "window.accoladeHarnessOldPage = true; return true;";
        const ARRIVED: &str = "return window.accoladeHarnessOldPage === undefined \
                               && document.readyState === 'complete';";
        let _: bool = self.eval(MARK).await;
        let output = action.await;
        let deadline = tokio::time::Instant::now() + NAVIGATION;
        loop {
            // While the browser switches pages a script may fail: try again.
            if let Ok(Value::Bool(true)) = self.client().execute(ARRIVED, Vec::new()).await {
                return output;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "still on {} {NAVIGATION:?} after leaving it",
                self.current_url().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Clicks the button `text` (see [`Browser::click_button`]) and waits for the page it leads
    /// to.
    pub async fn submit(&self, text: &str) {
        self.leaving(self.click_button(text)).await;
    }

    /// Follows the link `text` (see [`Browser::click_link`]) and waits for the page it leads
    /// to.
    pub async fn follow(&self, text: &str) {
        self.leaving(self.click_link(text)).await;
    }

    /// Clicks the button whose text (or `value`, for an `<input>`) is `text`.
    pub async fn click_button(&self, text: &str) {
        let literal = xpath_literal(text);
        let xpath = format!(
            "//button[normalize-space()={literal}] \
             | //input[@type='submit' or @type='button'][@value={literal}]"
        );
        let button = match self.client().find(Locator::XPath(&xpath)).await {
            Ok(button) => button,
            Err(_) => {
                let known: Vec<String> = self
                    .eval(
                        "return [...document.querySelectorAll('button, input[type=submit], \
                         input[type=button]')].map((b) => (b.innerText || b.value).trim())",
                    )
                    .await;
                panic!(
                    "no button {text:?} on {}; there are {known:?}",
                    self.current_url().await
                );
            }
        };
        button.click().await.unwrap();
    }

    /// Follows the link whose text is `text`.
    pub async fn click_link(&self, text: &str) {
        let link = self
            .client()
            .find(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"));
        link.click().await.unwrap();
    }

    /// Follows the link whose text is `text` inside the first element that matches `scope`
    /// (`main`, say, when the header has a link of the same text).
    pub async fn click_link_in(&self, scope: &str, text: &str) {
        let link = self
            .wait_for(scope)
            .await
            .find(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?} in {scope:?}: {e}"));
        link.click().await.unwrap();
    }

    /// Presses and releases a key, as a keyboard does (to whatever has the focus).
    pub async fn press(&self, key: Key) {
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.client().perform_actions(actions).await.unwrap();
    }

    /// Types `text` key by key into whatever has the focus, as a keyboard does.
    pub async fn type_text(&self, text: &str) {
        let mut actions = KeyActions::new("keyboard".into());
        for c in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client().perform_actions(actions).await.unwrap();
    }

    /// Presses Tab and returns the element that then has the focus.
    pub async fn tab(&self) -> Focused {
        self.press(Key::Tab).await;
        self.focused().await
    }

    /// The element that has the keyboard focus (`document.activeElement`).
    pub async fn focused(&self) -> Focused {
        self.eval(
            "const e = document.activeElement || document.body;
             return {
               tag: e.tagName.toLowerCase(),
               id: e.id,
               text: (e.innerText || e.value || e.getAttribute('aria-label') || '')
                 .replace(/\\s+/g, ' ').trim(),
               href: e.getAttribute('href'),
             };",
        )
        .await
    }

    /// Whether the focused element shows it: it matches `:focus-visible` (the browser judges
    /// that the user navigates by keyboard) and has an outline the page's CSS draws.
    pub async fn focus_is_visible(&self) -> bool {
        self.eval(
            "const e = document.activeElement;
             if (!e || e === document.body) return false;
             const style = getComputedStyle(e);
             return e.matches(':focus-visible') && style.outlineStyle !== 'none'
               && parseFloat(style.outlineWidth) >= 2;",
        )
        .await
    }

    /// Runs axe-core on the page: the WCAG 2.0/2.1 A and AA rules and axe's best practices.
    pub async fn accessibility_violations(&self) -> Vec<Violation> {
        let client = self.client();
        // WebDriver scripts run outside the page's Content-Security-Policy.
        let loaded: bool = self.eval("return typeof window.axe === 'object'").await;
        if !loaded {
            client.execute(axe_source(), Vec::new()).await.unwrap();
        }
        let value = client.execute_async(AXE_RUN, Vec::new()).await.unwrap();
        let results: AxeResults = serde_json::from_value(value).unwrap();
        if let Some(error) = results.error {
            panic!("axe failed on {}: {error}", self.current_url().await);
        }
        assert!(
            results.passes > 0,
            "axe checked nothing: is the page empty?"
        );
        results.violations
    }

    /// Panics listing every accessibility violation axe finds on the page; `page` says which
    /// page it is in the message.
    pub async fn assert_accessible(&self, page: &str) {
        let violations = self.accessibility_violations().await;
        if violations.is_empty() {
            return;
        }
        let mut report = format!(
            "{page} ({}): {} accessibility violation(s)",
            self.current_url().await,
            violations.len()
        );
        for v in &violations {
            let impact = v.impact.as_deref().unwrap_or("unknown impact");
            report.push_str(&format!(
                "\n- {} ({impact}): {} <{}>",
                v.id, v.help, v.help_url
            ));
            for target in &v.targets {
                report.push_str(&format!("\n    {target}"));
            }
        }
        panic!("{report}");
    }

    /// Saves the whole page, as wide as the window, as `name.png` in the folder
    /// `$ACCOLADE_SCREENSHOTS` when it is set: for people to look at the pages (the tests
    /// never read them). The window is as it was afterwards.
    pub async fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("ACCOLADE_SCREENSHOTS") else {
            return;
        };
        let (width, height) = self.client().get_window_size().await.unwrap();
        let page: u64 = self
            .eval("return Math.ceil(document.documentElement.scrollHeight)")
            .await;
        let client = self.client();
        client
            .set_window_size(width as u32, (page as u32).clamp(height as u32, 8000))
            .await
            .unwrap();
        let png = client.screenshot().await.expect("a screenshot");
        client
            .set_window_size(width as u32, height as u32)
            .await
            .unwrap();
        let dir = PathBuf::from(dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// An element a script returned (`null` when it found none).
    fn element(&self, value: &Value) -> Option<Element> {
        // The W3C web element identifier.
        let id = value.get("element-6066-11e4-a52e-4f735466cecf")?.as_str()?;
        Some(Element::from_element_id(
            self.client().clone(),
            ElementRef::from(id.to_owned()),
        ))
    }

    /// The end of chromedriver's log, for failure messages.
    fn driver_log(&self) -> String {
        let log = fs::read_to_string(self.dir.join("chromedriver.log")).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!("chromedriver log:\n{}", tail.join("\n"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Without `close`, fantoccini's own "end session" request may still be on its way:
        // the group is killed anyway, which also ends Chromium.
        drop(self.client.take());
        kill_group(self.driver.id());
        let _ = self.driver.wait();
        remove_dir(&self.dir);
    }
}

/// `usual`, else `name` on PATH; panics saying how to install it.
pub fn program(name: &str, usual: &str) -> PathBuf {
    let usual = Path::new(usual);
    if usual.is_file() {
        return usual.to_owned();
    }
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
        })
        .unwrap_or_else(|| {
            panic!(
                "the browser tests need {name}, found neither at {} nor on PATH: \
                 {INSTALL_HINT}",
                usual.display()
            )
        })
}

/// axe-core's script, from `tests/browser/node_modules` (`npm ci` there first if missing).
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = Path::new(HERE).join("node_modules/axe-core/axe.min.js");
        if !path.is_file() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(HERE)
                .status()
                .unwrap_or_else(|e| {
                    panic!(
                        "{} is missing and npm could not run ({e}): install Node.js and npm, \
                         then run `npm ci` in {HERE}",
                        path.display()
                    )
                });
            assert!(status.success(), "`npm ci` failed in {HERE}");
        }
        fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()))
    })
}

fn kill_group(leader: u32) {
    if let Ok(leader) = i32::try_from(leader) {
        let _ = killpg(Pid::from_raw(leader), Signal::SIGKILL);
    }
}

/// Removes a folder whose processes were just killed (retrying while they let go of it).
fn remove_dir(dir: &Path) {
    for _ in 0..10 {
        if fs::remove_dir_all(dir).is_ok() || !dir.exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Browsers of earlier runs whose test process is gone (killed, or stopped with Ctrl-C, which
/// does not reach chromedriver's own process group): end them and remove their folders.
fn remove_stale_runs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((pid, _)) = name
            .strip_prefix("accolade-browser-")
            .and_then(|rest| rest.split_once('-'))
        else {
            continue;
        };
        if Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        if let Ok(leader) = fs::read_to_string(entry.path().join("chromedriver.pid"))
            && let Ok(leader) = leader.trim().parse::<u32>()
            && browser_group_alive(leader)
        {
            kill_group(leader);
        }
        remove_dir(&entry.path());
    }
}

/// Whether a chromedriver or Chromium process still runs in process group `group`.
fn browser_group_alive(group: u32) -> bool {
    let Ok(processes) = fs::read_dir("/proc") else {
        return false;
    };
    processes.flatten().any(|process| {
        let Ok(stat) = fs::read_to_string(process.path().join("stat")) else {
            return false;
        };
        // "pid (comm) state ppid pgrp ..."
        let Some((head, tail)) = stat.rsplit_once(')') else {
            return false;
        };
        let comm = head.split_once('(').map_or("", |(_, comm)| comm);
        let pgrp = tail.split_whitespace().nth(2);
        matches!(comm, "chromedriver" | "chromium")
            && pgrp.and_then(|p| p.parse::<u32>().ok()) == Some(group)
    })
}

/// `s` as an XPath string literal (XPath 1 has no escapes: `concat` when it holds both quotes).
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|part| format!("'{part}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
