//! A real SMTP server in the test process (mailin-embedded), which keeps what it receives and
//! can refuse messages on demand, or answer slowly.

use std::net::TcpListener;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::response::{INTERNAL_ERROR, NO_MAILBOX, OK};
use mailin_embedded::{Handler, Response, Server};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
    /// The name the client greeted the server with (`EHLO name`).
    pub helo: String,
}

impl Received {
    /// The `Message-ID` header, with its angle brackets.
    pub fn message_id(&self) -> Option<String> {
        let message = mail_parser::MessageParser::default()
            .parse(&self.raw)
            .unwrap();
        message.message_id().map(|id| format!("<{id}>"))
    }

    pub fn subject(&self) -> String {
        let message = mail_parser::MessageParser::default()
            .parse(&self.raw)
            .unwrap();
        message.subject().unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        let message = mail_parser::MessageParser::default()
            .parse(&self.raw)
            .unwrap();
        message.body_text(0).unwrap_or_default().into_owned()
    }

    pub fn html(&self) -> String {
        let message = mail_parser::MessageParser::default()
            .parse(&self.raw)
            .unwrap();
        message.body_html(0).unwrap_or_default().into_owned()
    }
}

#[derive(Clone, Default)]
struct Capture {
    inbox: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicUsize>,
    /// Milliseconds to wait before answering DATA (before the message is sent).
    delay_ms: Arc<AtomicU64>,
    /// How many times a client asked to send a message (DATA), answered or not yet.
    started: Arc<AtomicUsize>,
    /// Mailboxes that do not exist (550), besides those with "bounce" in them.
    gone: Arc<Mutex<Vec<String>>>,
    to: Vec<String>,
    helo: String,
    data: Vec<u8>,
}

impl Handler for Capture {
    /// Addresses with "bounce" in them, and those made gone, do not exist: 550, a permanent
    /// failure.
    fn rcpt(&mut self, to: &str) -> Response {
        if to.contains("bounce") || self.gone.lock().unwrap().iter().any(|g| g == to) {
            NO_MAILBOX
        } else {
            OK
        }
    }

    fn data_start(&mut self, domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.started.fetch_add(1, Ordering::SeqCst);
        let delay = self.delay_ms.load(Ordering::SeqCst);
        if delay > 0 {
            std::thread::sleep(Duration::from_millis(delay));
        }
        let refuse = self
            .refuse
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if refuse {
            return INTERNAL_ERROR; // 451: try again later
        }
        self.to = to.to_vec();
        self.helo = domain.to_owned();
        self.data.clear();
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.inbox.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.to),
            raw: std::mem::take(&mut self.data),
            helo: std::mem::take(&mut self.helo),
        });
        OK
    }
}

pub struct SmtpCapture {
    pub url: String,
    inbox: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicUsize>,
    delay_ms: Arc<AtomicU64>,
    started: Arc<AtomicUsize>,
    gone: Arc<Mutex<Vec<String>>>,
}

/// The sender every test mailer writes as.
pub const TEST_FROM: &str = "Accolade <badges@accolade.example>";

/// What the tests' emails say about the site.
pub fn test_mail_context() -> accolade::mail::MailContext {
    accolade::mail::MailContext {
        public_url: accolade::urls::PublicUrl::parse("https://badges.example").unwrap(),
    }
}

impl SmtpCapture {
    /// A mailer that sends to this capture.
    pub fn mailer(&self) -> accolade::mail::Mailer {
        accolade::mail::Mailer::smtp(&self.url, TEST_FROM.parse().unwrap()).unwrap()
    }

    /// Starts a server on a free port of 127.0.0.1, in its own thread.
    pub fn start() -> SmtpCapture {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handler = Capture::default();
        let inbox = handler.inbox.clone();
        let refuse = handler.refuse.clone();
        let delay_ms = handler.delay_ms.clone();
        let started = handler.started.clone();
        let gone = handler.gone.clone();
        let mut server = Server::new(handler);
        server
            .with_name("capture.test")
            .with_num_threads(4)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        SmtpCapture {
            url: format!("smtp://127.0.0.1:{port}"),
            inbox,
            refuse,
            delay_ms,
            started,
            gone,
        }
    }

    /// From now on, answers that `address`'s mailbox does not exist (550), or, with
    /// `exists`, that it does again.
    pub fn mailbox_exists(&self, address: &str, exists: bool) {
        let mut gone = self.gone.lock().unwrap();
        gone.retain(|g| g != address);
        if !exists {
            gone.push(address.to_owned());
        }
    }

    /// Waits `delay` before answering each DATA command from now on: a slow server, with
    /// the message not yet received while it waits.
    pub fn answer_slowly(&self, delay: Duration) {
        self.delay_ms
            .store(u64::try_from(delay.as_millis()).unwrap(), Ordering::SeqCst);
    }

    /// How many messages clients began to send (DATA commands received).
    pub fn started(&self) -> usize {
        self.started.load(Ordering::SeqCst)
    }

    /// Answers 451 to the next `n` messages.
    pub fn refuse_next(&self, n: usize) {
        self.refuse.store(n, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().clone()
    }
}
