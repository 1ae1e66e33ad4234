//! Share links for a badge: LinkedIn "Add to profile" and post, Facebook, X, email, and the
//! embed snippet. Plain links to the networks' own share pages: no script, no tracker, and
//! the network reads the page's Open Graph tags for the preview.
//!
//! The texts (the X post, the email's subject and body) come localized from the caller; this
//! module only puts them where each network expects them.

use chrono::{Datelike, NaiveDate};

use crate::urls::encode_query;

/// The badge being shared, with the absolute URLs of its public page and image.
#[derive(Debug, Clone)]
pub struct Shared<'a> {
    pub award_id: &'a str,
    pub title: &'a str,
    pub issuer: &'a str,
    /// The issuer's numeric LinkedIn organization id, when the catalog gives one.
    pub issuer_linkedin: Option<&'a str>,
    pub issued_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    /// The public badge page.
    pub page_url: &'a str,
    /// The badge's image (PNG).
    pub image_url: &'a str,
}

/// What the caller writes in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a> {
    /// The X post, without the link (the link is added and counts 23 characters).
    pub post: &'a str,
    pub email_subject: &'a str,
    /// The email's body, without the link (it is added on its own line).
    pub email_body: &'a str,
    /// The embed's alt text.
    pub alt: &'a str,
}

/// Every way to share one badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLinks {
    pub linkedin_add: String,
    pub linkedin_post: String,
    pub facebook: String,
    pub x: String,
    pub email: String,
    /// HTML for a web site or an email signature: the image, linking to the page.
    pub embed: String,
}

/// How many characters an X post may have in all, and what a link counts.
pub const X_LIMIT: usize = 280;
pub const X_LINK: usize = 23;

fn query(base: &str, pairs: &[(&str, &str)]) -> String {
    let params: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query(v)))
        .collect();
    format!("{base}?{}", params.join("&"))
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The side of the embedded image, in CSS pixels.
pub const EMBED_SIZE: u32 = 120;

impl Shared<'_> {
    pub fn links(&self, texts: Texts<'_>) -> ShareLinks {
        let issue_year = self.issued_on.year().to_string();
        let issue_month = self.issued_on.month().to_string();
        let mut add: Vec<(&str, &str)> =
            vec![("startTask", "CERTIFICATION_NAME"), ("name", self.title)];
        match self.issuer_linkedin {
            Some(id) => add.push(("organizationId", id)),
            None => add.push(("organizationName", self.issuer)),
        }
        add.push(("issueYear", &issue_year));
        add.push(("issueMonth", &issue_month));
        let expiry = self
            .expires_on
            .map(|day| (day.year().to_string(), day.month().to_string()));
        if let Some((year, month)) = &expiry {
            add.push(("expirationYear", year));
            add.push(("expirationMonth", month));
        }
        add.push(("certUrl", self.page_url));
        add.push(("certId", self.award_id));

        // One space and the link follow the text.
        let post = fit(texts.post, X_LIMIT - X_LINK - 1);
        let body = format!("{}\n\n{}", texts.email_body, self.page_url);
        ShareLinks {
            linkedin_add: query("https://www.linkedin.com/profile/add", &add),
            linkedin_post: query(
                "https://www.linkedin.com/sharing/share-offsite/",
                &[("url", self.page_url)],
            ),
            facebook: query(
                "https://www.facebook.com/sharer/sharer.php",
                &[("u", self.page_url)],
            ),
            x: query(
                "https://twitter.com/intent/tweet",
                &[("text", &post), ("url", self.page_url)],
            ),
            email: format!(
                "mailto:?subject={}&body={}",
                encode_query(texts.email_subject),
                encode_query(&body)
            ),
            embed: format!(
                r#"<a href="{page}"><img src="{image}" alt="{alt}" width="{size}" height="{size}" style="border:0"></a>"#,
                page = crate::art::escape(self.page_url),
                image = crate::art::escape(self.image_url),
                alt = crate::art::escape(texts.alt),
                size = EMBED_SIZE,
            ),
        }
    }
}

/// The longest file name [`download_name`] gives, without its extension.
const NAME_MAX: usize = 80;

/// A readable file name for a badge's image: its title without the program's prefix (the
/// part before the last colon, "Microsoft Certified"), its words joined by hyphens, with
/// `extension`: "Microsoft Certified: Azure Administrator Associate" gives
/// `Azure-Administrator-Associate.png`. Letters and digits of any script are kept; every
/// other character separates words, so the name is safe on every file system.
pub fn download_name(title: &str, extension: &str) -> String {
    let name = match title.rsplit_once(':') {
        Some((_, rest)) if rest.chars().any(char::is_alphanumeric) => rest,
        _ => title,
    };
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let needed = word.chars().count() + usize::from(!out.is_empty());
        if out.chars().count() + needed > NAME_MAX {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out.push_str("badge");
    }
    format!("{out}.{extension}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::HashMap;

    use super::*;

    fn shared(linkedin: Option<&'static str>, expires: Option<NaiveDate>) -> Shared<'static> {
        Shared {
            award_id: "abc_DEF-123",
            title: "Microsoft Certified: Azure Administrator Associate",
            issuer: "Microsoft",
            issuer_linkedin: linkedin,
            issued_on: NaiveDate::from_ymd_opt(2025, 3, 9).unwrap(),
            expires_on: expires,
            page_url: "https://badges.example/badges/abc_DEF-123",
            image_url: "https://badges.example/badges/abc_DEF-123/image.png",
        }
    }

    const TEXTS: Texts<'static> = Texts {
        post: "I earned Azure Administrator Associate & more!",
        email_subject: "My badge: Azure Administrator",
        email_body: "I earned a badge.",
        alt: "Azure Administrator \"Associate\" <badge>",
    };

    /// The query of `url` decoded, as the network reads it.
    fn params(url: &str) -> HashMap<String, String> {
        let (_, query) = url.split_once('?').unwrap();
        serde_urlencoded::from_str(query).unwrap()
    }

    #[test]
    fn add_to_profile_fills_in_every_field_linkedin_reads() {
        let links = shared(Some("1035"), NaiveDate::from_ymd_opt(2026, 3, 9)).links(TEXTS);
        assert!(
            links
                .linkedin_add
                .starts_with("https://www.linkedin.com/profile/add?")
        );
        let p = params(&links.linkedin_add);
        assert_eq!(p["startTask"], "CERTIFICATION_NAME");
        assert_eq!(
            p["name"],
            "Microsoft Certified: Azure Administrator Associate"
        );
        assert_eq!(p["organizationId"], "1035");
        assert!(!p.contains_key("organizationName"));
        assert_eq!(
            (p["issueYear"].as_str(), p["issueMonth"].as_str()),
            ("2025", "3")
        );
        assert_eq!(
            (p["expirationYear"].as_str(), p["expirationMonth"].as_str()),
            ("2026", "3")
        );
        assert_eq!(p["certUrl"], "https://badges.example/badges/abc_DEF-123");
        assert_eq!(p["certId"], "abc_DEF-123");
    }

    #[test]
    fn without_an_organization_id_or_an_expiry_linkedin_gets_the_name_and_no_expiry() {
        let p = params(&shared(None, None).links(TEXTS).linkedin_add);
        assert_eq!(p["organizationName"], "Microsoft");
        assert!(!p.contains_key("organizationId"));
        assert!(!p.contains_key("expirationYear") && !p.contains_key("expirationMonth"));
    }

    #[test]
    fn the_posts_carry_the_page_and_x_fits_in_280_characters() {
        let links = shared(None, None).links(TEXTS);
        assert_eq!(
            params(&links.linkedin_post),
            HashMap::from([(
                "url".into(),
                "https://badges.example/badges/abc_DEF-123".into()
            )])
        );
        assert_eq!(
            params(&links.facebook)["u"],
            "https://badges.example/badges/abc_DEF-123"
        );
        let x = params(&links.x);
        assert_eq!(x["text"], TEXTS.post);
        assert_eq!(x["url"], "https://badges.example/badges/abc_DEF-123");

        let long = "word ".repeat(100);
        let x = params(
            &shared(None, None)
                .links(Texts {
                    post: &long,
                    ..TEXTS
                })
                .x,
        );
        assert!(
            x["text"].chars().count() + 1 + X_LINK <= X_LIMIT,
            "{}",
            x["text"]
        );
        assert!(x["text"].ends_with('…'));
    }

    #[test]
    fn the_email_has_a_subject_and_the_link_in_its_body() {
        let links = shared(None, None).links(TEXTS);
        let p = params(&links.email);
        assert_eq!(p["subject"], "My badge: Azure Administrator");
        assert_eq!(
            p["body"],
            "I earned a badge.\n\nhttps://badges.example/badges/abc_DEF-123"
        );
    }

    #[test]
    fn the_embed_links_the_image_to_the_page_with_its_size_and_escaped_alt() {
        let embed = shared(None, None).links(TEXTS).embed;
        assert_eq!(
            embed,
            "<a href=\"https://badges.example/badges/abc_DEF-123\"><img src=\"https://badges.example/badges/abc_DEF-123/image.png\" alt=\"Azure Administrator &quot;Associate&quot; &lt;badge&gt;\" width=\"120\" height=\"120\" style=\"border:0\"></a>"
        );
    }

    #[test]
    fn the_download_is_named_after_the_badge_in_readable_words() {
        let name = |title| download_name(title, "png");
        assert_eq!(
            name("Microsoft Certified: Azure Administrator Associate"),
            "Azure-Administrator-Associate.png"
        );
        assert_eq!(
            name("Installation, Storage, and Compute with Windows Server 2016"),
            "Installation-Storage-and-Compute-with-Windows-Server-2016.png"
        );
        assert_eq!(
            name("Microsoft Office Specialist: Word Associate (Office 2019)"),
            "Word-Associate-Office-2019.png"
        );
        assert_eq!(name("Sécurité : les bases"), "les-bases.png");
        assert_eq!(name("Prefix: ?!"), "Prefix.png", "nothing after the colon");
        assert_eq!(name("../../etc/passwd"), "etc-passwd.png");
        assert_eq!(name("\"/:*?<>|"), "badge.png");
        assert_eq!(
            download_name("Azure Fundamentals", "svg"),
            "Azure-Fundamentals.svg"
        );
        let long = name(&"Word ".repeat(40));
        assert!(long.len() <= NAME_MAX + ".png".len(), "{long}");
        assert!(
            long.starts_with("Word-Word") && long.ends_with("Word.png"),
            "{long}"
        );
    }
}
