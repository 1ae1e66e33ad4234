//! A real SMTP server in the test process (mailin-embedded), which keeps what it receives and
//! can refuse messages on demand.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use mailin_embedded::response::{INTERNAL_ERROR, NO_MAILBOX, OK};
use mailin_embedded::{Handler, Response, Server};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
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
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Capture {
    /// Addresses with "bounce" in them do not exist: 550, a permanent failure.
    fn rcpt(&mut self, to: &str) -> Response {
        if to.contains("bounce") {
            NO_MAILBOX
        } else {
            OK
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        let refuse = self
            .refuse
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if refuse {
            return INTERNAL_ERROR; // 451: try again later
        }
        self.to = to.to_vec();
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
        });
        OK
    }
}

pub struct SmtpCapture {
    pub url: String,
    inbox: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicUsize>,
}

impl SmtpCapture {
    /// Starts a server on a free port of 127.0.0.1, in its own thread.
    pub fn start() -> SmtpCapture {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handler = Capture::default();
        let inbox = handler.inbox.clone();
        let refuse = handler.refuse.clone();
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
        }
    }

    /// Answers 451 to the next `n` messages.
    pub fn refuse_next(&self, n: usize) {
        self.refuse.store(n, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().clone()
    }
}
