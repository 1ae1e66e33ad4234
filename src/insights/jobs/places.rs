//! Places of a posting's address: the states of the United States (and its district and
//! territories) by name or postal code, and countries by name, alpha-3 or alpha-2 code.

/// US states, the District of Columbia and the territories: (postal code, name).
pub const US_STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
];

/// The postal code of a US state given by its code (`wa`, `WA`) or its name (`Washington`,
/// `washington`), `None` for anything else.
pub fn us_state(text: &str) -> Option<&'static str> {
    let text = text.trim().trim_end_matches('.');
    US_STATES
        .iter()
        .find(|(code, name)| code.eq_ignore_ascii_case(text) || name.eq_ignore_ascii_case(text))
        .map(|(code, _)| *code)
        .or_else(|| match text.to_ascii_lowercase().as_str() {
            "washington dc" | "washington, d.c" | "washington d.c" | "d.c" => Some("DC"),
            "virgin islands" | "us virgin islands" => Some("VI"),
            _ => None,
        })
}

/// Countries by the names and alpha-3 codes postings commonly use: (alpha-2, names...).
const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "usa",
            "u.s.",
            "u.s.a.",
            "u.s.a",
            "united states",
            "united states of america",
        ],
    ),
    ("CA", &["can", "canada"]),
    (
        "GB",
        &["gbr", "uk", "united kingdom", "great britain", "england"],
    ),
    ("IE", &["irl", "ireland"]),
    ("FR", &["fra", "france"]),
    ("DE", &["deu", "germany", "deutschland"]),
    ("NL", &["nld", "netherlands", "the netherlands"]),
    ("BE", &["bel", "belgium", "belgique"]),
    ("LU", &["lux", "luxembourg"]),
    ("CH", &["che", "switzerland", "suisse"]),
    ("AT", &["aut", "austria"]),
    ("ES", &["esp", "spain"]),
    ("PT", &["prt", "portugal"]),
    ("IT", &["ita", "italy"]),
    ("PL", &["pol", "poland"]),
    ("SE", &["swe", "sweden"]),
    ("NO", &["nor", "norway"]),
    ("DK", &["dnk", "denmark"]),
    ("FI", &["fin", "finland"]),
    ("MX", &["mex", "mexico"]),
    ("BR", &["bra", "brazil"]),
    ("IN", &["ind", "india"]),
    ("JP", &["jpn", "japan"]),
    ("CN", &["chn", "china"]),
    ("KR", &["kor", "south korea", "korea"]),
    ("SG", &["sgp", "singapore"]),
    ("AU", &["aus", "australia"]),
    ("NZ", &["nzl", "new zealand"]),
    ("IL", &["isr", "israel"]),
    ("ZA", &["zaf", "south africa"]),
    ("MA", &["mar", "morocco", "maroc"]),
    ("SN", &["sen", "senegal", "sénégal"]),
];

/// The ISO 3166 alpha-2 code of a country given by its code (any two letters, `us`), one of
/// the alpha-3 codes or English names of the list above; `None` for anything else.
pub fn country(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        let code = text.to_ascii_uppercase();
        // "UK" is reserved, not assigned: the United Kingdom is GB.
        return Some(if code == "UK" { "GB".to_owned() } else { code });
    }
    let lower = text.to_lowercase();
    COUNTRIES
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|(code, _)| (*code).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_read_by_code_or_name() {
        assert_eq!(us_state("WA"), Some("WA"));
        assert_eq!(us_state("wa"), Some("WA"));
        assert_eq!(us_state("Washington"), Some("WA"));
        assert_eq!(us_state("new york"), Some("NY"));
        assert_eq!(us_state("Puerto Rico"), Some("PR"));
        assert_eq!(us_state("Washington DC"), Some("DC"));
        assert_eq!(us_state("Ontario"), None);
        assert_eq!(us_state("W"), None);
    }

    #[test]
    fn countries_become_alpha_2_codes() {
        assert_eq!(country("US").as_deref(), Some("US"));
        assert_eq!(country("usa").as_deref(), Some("US"));
        assert_eq!(country("United States").as_deref(), Some("US"));
        assert_eq!(country("fr").as_deref(), Some("FR"));
        assert_eq!(country("UK").as_deref(), Some("GB"));
        assert_eq!(country("Atlantis"), None);
        assert_eq!(country("U5"), None);
    }
}
