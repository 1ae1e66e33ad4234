//! Outgoing mail: messages are written to the outbox in the same transaction as what they
//! announce, and the outbox worker delivers them over SMTP or into the development mailbox.

pub mod notices;
pub mod outbox;
pub mod reminders;
pub mod templates;
pub mod transport;

pub use outbox::{MailContext, deliver_due, run_worker};
pub use transport::Mailer;
