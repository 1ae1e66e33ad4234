//! Who is asking: the client's IP address, for throttling.
//!
//! Without a proxy it is the connection's peer. Behind `proxy_hops` reverse proxies
//! (`ACCOLADE_PROXY_HOPS`), each of which appends the address it received the request from
//! to `X-Forwarded-For`, it is the entry the outermost of them added: the `proxy_hops`-th
//! from the right. Entries further left were written by the client and are never trusted,
//! so sending one's own header changes nothing.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use actix_web::HttpRequest;

/// The client's address, as trusted as the configuration allows.
pub fn client_ip(req: &HttpRequest, proxy_hops: usize) -> IpAddr {
    let peer = req
        .peer_addr()
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |a| a.ip());
    if proxy_hops == 0 {
        return peer;
    }
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    from_forwarded(&forwarded, proxy_hops).unwrap_or(peer)
}

/// The entry added by the outermost of `hops` proxies; `None` when the list is shorter than
/// the proxies (a proxy did not add its entry) or the entry is not an address.
fn from_forwarded(entries: &[&str], hops: usize) -> Option<IpAddr> {
    let entry = entries.len().checked_sub(hops).map(|i| entries[i])?;
    parse_entry(entry)
}

/// `203.0.113.7`, `203.0.113.7:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn only_the_entries_trusted_proxies_added_count() {
        // One proxy: its entry is the last; what the client wrote before it is ignored.
        assert_eq!(
            from_forwarded(&["6.6.6.6", "203.0.113.7"], 1),
            ip("203.0.113.7")
        );
        // Two proxies: the outer one's entry is second from the right.
        assert_eq!(
            from_forwarded(&["6.6.6.6", "203.0.113.7", "10.0.0.2"], 2),
            ip("203.0.113.7")
        );
        // Fewer entries than proxies: nothing trustworthy.
        assert_eq!(from_forwarded(&["203.0.113.7"], 2), None);
        assert_eq!(from_forwarded(&[], 1), None);
        assert_eq!(from_forwarded(&["not-an-ip"], 1), None);
    }

    #[test]
    fn entries_may_carry_ports_and_brackets() {
        assert_eq!(parse_entry("203.0.113.7:4711"), ip("203.0.113.7"));
        assert_eq!(parse_entry("[2001:db8::1]:4711"), ip("2001:db8::1"));
        assert_eq!(parse_entry("2001:db8::1"), ip("2001:db8::1"));
    }
}
