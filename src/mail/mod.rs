//! Outgoing mail. Every email is a [`Message`] (its [`Kind`] and what its text needs),
//! queued by [`queue`] or [`queue_all`] in the same transaction as what it announces; the
//! outbox worker ([`outbox`]) writes it ([`render`]) and delivers it over SMTP or into the
//! development mailbox ([`dev_mailbox`]), except mail about awards to an address on the
//! [`suppression`] list (it bounced). [`reminders`] queues the reminders of pending awards.

pub mod console;
pub mod dev_mailbox;
pub mod message;
pub mod outbox;
pub mod queue;
pub mod reminders;
pub mod render;
pub mod suppression;
pub mod transport;

pub use message::{Kind, Message};
pub use outbox::{MailContext, deliver_due, run_worker};
pub use queue::{
    MAX_PER_HOUR, Outgoing, Permit, locale_of, permit, queue, queue_all, store_claim_links,
};
pub use transport::Mailer;
