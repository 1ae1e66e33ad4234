//! `accolade jobs generate N`: realistic job postings as JSON lines, for the demo and the
//! benchmarks. Fictitious employers (the program's sample company names, on `.example`
//! domains), US cities with their state and remote postings, yearly or hourly salaries in USD
//! drawn from the May 2025 OEWS wages of each posting's occupation (25th to 75th percentile,
//! scaled for the city), the demo catalog's exam and certification codes and skills, SOC
//! codes, `datePosted` in the 60 days before `today` and `validThrough` 30 to 90 days after
//! it (moved past `today` when that would already be over, so every posting is open), apply
//! URLs on `https://jobs.example/...`. Every posting's `identifier` has the propertyID
//! [`DEMO_PROPERTY_ID`]: it is stored as demo data, which the pages that show it say.
//! The same seed and day write the same file.
//!
//! The occupations of each role are the generator's own (a role asks for the exams it
//! lists); the catalog's mapping of badges to occupations is the one the Career pages use.

use std::collections::HashMap;
use std::io::Write;

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use super::posting::{CERTIFICATION_CODES, DEMO_PROPERTY_ID};
use crate::catalog::{CatalogFile, DEMO_CATALOG};

/// A kind of job: its occupations (the first is the main one), titles, the OEWS national
/// 25th and 75th percentile of the main occupation's annual wage (May 2025), whether it
/// is usually paid by the hour, the exams it asks for, and skills of its own.
struct Role {
    socs: &'static [&'static str],
    titles: &'static [&'static str],
    p25: u32,
    p75: u32,
    hourly: bool,
    exams: &'static [&'static str],
    skills: &'static [&'static str],
}

const ROLES: &[Role] = &[
    Role {
        socs: &["15-1244", "15-1231"],
        titles: &[
            "Systems Administrator",
            "Cloud Administrator",
            "Azure Administrator",
            "Network and Systems Administrator",
            "Windows Server Administrator",
        ],
        p25: 78_010,
        p75: 126_640,
        hourly: false,
        exams: &["AZ-104", "AZ-900", "70-740", "70-741"],
        skills: &["Windows Server", "PowerShell", "Active Directory"],
    },
    Role {
        socs: &["15-1212"],
        titles: &[
            "Security Analyst",
            "Cloud Security Engineer",
            "Identity and Access Analyst",
        ],
        p25: 97_810,
        p75: 163_500,
        hourly: false,
        exams: &["AZ-500", "SC-900"],
        skills: &["Incident response", "Microsoft Sentinel", "Zero Trust"],
    },
    Role {
        socs: &["15-1252", "15-1254"],
        titles: &[
            "Software Developer",
            "Cloud Developer",
            "Backend Engineer (.NET)",
            "Full-Stack Developer",
        ],
        p25: 105_210,
        p75: 171_980,
        hourly: false,
        exams: &["AZ-204", "AZ-900"],
        skills: &["C#", ".NET", "REST APIs"],
    },
    Role {
        socs: &["15-1241", "15-1299"],
        titles: &[
            "Cloud Solutions Architect",
            "Azure Architect",
            "Infrastructure Architect",
        ],
        p25: 104_620,
        p75: 168_200,
        hourly: false,
        exams: &["AZ-305", "AZ-104"],
        skills: &["Solution design", "Cost management"],
    },
    Role {
        socs: &["15-1299", "15-1252"],
        titles: &[
            "DevOps Engineer",
            "Site Reliability Engineer",
            "Platform Engineer",
        ],
        p25: 79_370,
        p75: 157_500,
        hourly: false,
        exams: &["AZ-400", "AZ-204", "AZ-104"],
        skills: &["CI/CD", "Kubernetes", "Terraform"],
    },
    Role {
        socs: &["15-2051"],
        titles: &["Data Scientist", "Machine Learning Engineer", "AI Engineer"],
        p25: 85_660,
        p75: 158_880,
        hourly: false,
        exams: &["AI-900", "DP-900"],
        skills: &["Python", "Statistics"],
    },
    Role {
        socs: &["15-1243", "15-1242"],
        titles: &["Data Engineer", "Azure Data Engineer", "Analytics Engineer"],
        p25: 109_370,
        p75: 169_290,
        hourly: false,
        exams: &["DP-203", "DP-900"],
        skills: &["SQL", "Apache Spark", "Data modeling"],
    },
    Role {
        socs: &["15-1232", "15-1231"],
        titles: &[
            "IT Support Specialist",
            "Help Desk Technician",
            "Desktop Support Technician",
        ],
        p25: 49_000,
        p75: 79_040,
        hourly: true,
        exams: &["AZ-900", "MO-100", "MO-200", "SC-900"],
        skills: &["Troubleshooting", "Customer service", "Microsoft 365"],
    },
    Role {
        socs: &["43-6014"],
        titles: &[
            "Administrative Assistant",
            "Office Administrator",
            "Executive Assistant",
        ],
        p25: 38_830,
        p75: 58_000,
        hourly: true,
        exams: &["MO-100", "MO-200"],
        skills: &["Scheduling", "Microsoft Word", "Microsoft Excel"],
    },
    Role {
        socs: &["43-3031"],
        titles: &["Bookkeeper", "Accounting Clerk"],
        p25: 43_520,
        p75: 61_470,
        hourly: true,
        exams: &["MO-200"],
        skills: &["Bookkeeping", "Microsoft Excel", "Reconciliation"],
    },
    Role {
        socs: &["11-3021"],
        titles: &[
            "IT Manager",
            "Cloud Infrastructure Manager",
            "Director of IT Operations",
        ],
        p25: 138_060,
        p75: 220_730,
        hourly: false,
        exams: &["AZ-305", "AZ-104"],
        skills: &["Team leadership", "Budgeting", "Vendor management"],
    },
    Role {
        socs: &["15-1211"],
        titles: &["Systems Analyst", "Business Systems Analyst"],
        p25: 82_860,
        p75: 134_110,
        hourly: false,
        exams: &["AZ-900", "DP-900", "MO-200"],
        skills: &["Requirements analysis", "Process mapping"],
    },
];

/// Fictitious employers: (name, domain label).
const EMPLOYERS: &[(&str, &str)] = &[
    ("Contoso", "contoso"),
    ("Fabrikam", "fabrikam"),
    ("Northwind Traders", "northwindtraders"),
    ("Tailspin Toys", "tailspintoys"),
    ("Woodgrove Bank", "woodgrovebank"),
    ("Adventure Works Cycles", "adventure-works"),
    ("Litware", "litware"),
    ("Proseware", "proseware"),
    ("Lamna Healthcare", "lamnahealthcare"),
    ("Alpine Ski House", "alpineskihouse"),
    ("Wide World Importers", "wideworldimporters"),
    ("Fourth Coffee", "fourthcoffee"),
    ("Coho Winery", "cohowinery"),
    ("Trey Research", "treyresearch"),
    ("Blue Yonder Airlines", "blueyonderairlines"),
    ("Relecloud", "relecloud"),
    ("Humongous Insurance", "humongousinsurance"),
    ("VanArsdel", "vanarsdel"),
    ("Munson's Pickles and Preserves", "munsonspickles"),
    ("Best For You Organics", "bestforyouorganics"),
];

/// US cities: (city, state postal code, state name, wage factor against the nation).
const CITIES: &[(&str, &str, &str, f64)] = &[
    ("Seattle", "WA", "Washington", 1.15),
    ("Redmond", "WA", "Washington", 1.18),
    ("San Francisco", "CA", "California", 1.25),
    ("San Jose", "CA", "California", 1.28),
    ("Los Angeles", "CA", "California", 1.08),
    ("San Diego", "CA", "California", 1.05),
    ("Austin", "TX", "Texas", 1.02),
    ("Dallas", "TX", "Texas", 1.0),
    ("Houston", "TX", "Texas", 0.98),
    ("New York", "NY", "New York", 1.15),
    ("Boston", "MA", "Massachusetts", 1.12),
    ("Chicago", "IL", "Illinois", 1.02),
    ("Atlanta", "GA", "Georgia", 0.98),
    ("Denver", "CO", "Colorado", 1.03),
    ("Raleigh", "NC", "North Carolina", 0.97),
    ("Charlotte", "NC", "North Carolina", 0.96),
    ("Phoenix", "AZ", "Arizona", 0.96),
    ("Minneapolis", "MN", "Minnesota", 1.0),
    ("Columbus", "OH", "Ohio", 0.93),
    ("Salt Lake City", "UT", "Utah", 0.95),
    ("Portland", "OR", "Oregon", 1.02),
    ("Washington", "DC", "District of Columbia", 1.12),
    ("Arlington", "VA", "Virginia", 1.12),
    ("Pittsburgh", "PA", "Pennsylvania", 0.92),
    ("Detroit", "MI", "Michigan", 0.93),
    ("Miami", "FL", "Florida", 0.95),
    ("Nashville", "TN", "Tennessee", 0.93),
    ("Kansas City", "MO", "Missouri", 0.92),
    ("Indianapolis", "IN", "Indiana", 0.9),
    ("St. Louis", "MO", "Missouri", 0.92),
];

const SENIORITY: &[&str] = &["", "", "", "Senior ", "Junior ", "Lead "];

/// What the demo catalog says of its exams: their skills, and the certification each one
/// earns alone (its title).
struct Catalog {
    skills: HashMap<String, Vec<String>>,
    certification_title: HashMap<String, String>,
}

fn catalog() -> Catalog {
    let mut skills = HashMap::new();
    let mut certification_title = HashMap::new();
    if let Ok(file) = CatalogFile::parse(DEMO_CATALOG) {
        for exam in &file.exam {
            skills.insert(exam.code.clone(), exam.skills.clone());
        }
        for certification in &file.certification {
            for exam in &certification.exams {
                certification_title
                    .entry(exam.clone())
                    .or_insert_with(|| certification.title.clone());
            }
        }
    }
    Catalog {
        skills,
        certification_title,
    }
}

/// Writes `count` postings, one JSON object per line, dated around `today`.
pub fn write_postings(
    out: &mut impl Write,
    count: u64,
    seed: u64,
    today: NaiveDate,
) -> std::io::Result<()> {
    let catalog = catalog();
    let mut rng = StdRng::seed_from_u64(seed);
    for n in 1..=count {
        let posting = posting(&mut rng, &catalog, seed, n, today);
        serde_json::to_writer(&mut *out, &posting)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn round_to(value: f64, step: f64) -> f64 {
    (value / step).round() * step
}

fn posting(rng: &mut StdRng, catalog: &Catalog, seed: u64, n: u64, today: NaiveDate) -> Value {
    let role = ROLES.choose(rng).unwrap_or(&ROLES[0]);
    let (employer, domain) = *EMPLOYERS.choose(rng).unwrap_or(&EMPLOYERS[0]);
    let title = format!(
        "{}{}",
        SENIORITY.choose(rng).copied().unwrap_or(""),
        role.titles.choose(rng).copied().unwrap_or("Engineer")
    );
    let remote = rng.random_ratio(1, 4);
    let city = *CITIES.choose(rng).unwrap_or(&CITIES[0]);
    let factor = if remote { 1.0 } else { city.3 };

    // Dates: posted in the last 60 days, open 30 to 90 days, and open today.
    let posted_ago = rng.random_range(0..60u64);
    let posted = today
        .checked_sub_days(Days::new(posted_ago))
        .unwrap_or(today);
    let mut open_days = rng.random_range(30..=90u64);
    if open_days <= posted_ago {
        open_days = posted_ago + rng.random_range(5..=30u64);
    }
    let until = posted
        .checked_add_days(Days::new(open_days))
        .unwrap_or(today);
    let valid_through = if rng.random_ratio(1, 3) {
        format!("{until}T23:59:59-05:00")
    } else {
        until.to_string()
    };

    // What it asks for: one or two of the role's exams, by code, certification title or
    // the extension's plain codes; skills of those exams and of the role.
    let mut exams: Vec<&str> = role.exams.to_vec();
    exams.shuffle(rng);
    exams.truncate(rng.random_range(1..=2usize.min(exams.len())));
    let mut credentials = Vec::new();
    let mut codes = Vec::new();
    let mut skills: Vec<String> = Vec::new();
    for exam in &exams {
        let title = catalog.certification_title.get(*exam);
        match (rng.random_range(0..10), title) {
            (0..5, _) | (5..8, None) => credentials.push(json!({
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "certification",
                "identifier": exam,
            })),
            (5..8, Some(title)) => credentials.push(json!({
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "certification",
                "name": title,
            })),
            _ => codes.push(*exam),
        }
        if let Some(exam_skills) = catalog.skills.get(*exam) {
            let mut exam_skills = exam_skills.clone();
            exam_skills.shuffle(rng);
            skills.extend(exam_skills.into_iter().take(2));
        }
    }
    let mut own: Vec<&str> = role.skills.to_vec();
    own.shuffle(rng);
    skills.extend(own.into_iter().take(2).map(str::to_owned));
    let mut occupations = vec![json!(role.socs[0])];
    if role.socs.len() > 1 && rng.random_ratio(1, 3) {
        occupations.push(json!({"@type": "CategoryCode", "codeValue": role.socs[1]}));
    }

    let location = if remote {
        json!(null)
    } else {
        let region = if rng.random_bool(0.5) { city.1 } else { city.2 };
        json!({
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city.0,
                "addressRegion": region,
                "addressCountry": "US",
            }
        })
    };
    let url = format!("https://jobs.example/{domain}/{seed}-{n:06}");
    let where_ = if remote {
        "remotely, anywhere in the United States".to_owned()
    } else {
        format!("in {}, {}", city.0, city.1)
    };
    let description = format!(
        "Demo data: a generated posting, not a real job.\n\n{employer} is hiring a {title} to work {where_}. You will use {}.",
        skills.join(", ")
    );
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": DEMO_PROPERTY_ID,
            "value": format!("{seed}-{n:06}"),
        },
        "title": title,
        "description": description,
        "hiringOrganization": {
            "@type": "Organization",
            "name": employer,
            "sameAs": format!("https://{domain}.example"),
        },
        "datePosted": posted.to_string(),
        "validThrough": valid_through,
        "employmentType": if role.hourly && rng.random_ratio(1, 4) { "PART_TIME" } else { "FULL_TIME" },
        "occupationalCategory": occupations,
        "skills": skills.join(", "),
        "educationRequirements": credentials,
        "url": url,
    });
    if let Some(object) = posting.as_object_mut() {
        if remote {
            object.insert("jobLocationType".into(), json!("TELECOMMUTE"));
            object.insert(
                "applicantLocationRequirements".into(),
                json!({"@type": "Country", "name": "USA"}),
            );
        } else {
            object.insert("jobLocation".into(), location);
        }
        if !codes.is_empty() {
            object.insert(CERTIFICATION_CODES.into(), json!(codes));
        }
        // Most postings name a salary.
        if rng.random_ratio(17, 20) {
            let spread = f64::from(role.p75 - role.p25);
            let center = (f64::from(role.p25) + rng.random::<f64>() * spread) * factor;
            let (unit, low, high) = if role.hourly {
                let hourly = center / 2080.0;
                (
                    "HOUR",
                    round_to(hourly * 0.92, 0.5),
                    round_to(hourly * 1.1, 0.5),
                )
            } else {
                (
                    "YEAR",
                    round_to(center * 0.9, 1000.0),
                    round_to(center * 1.12, 1000.0),
                )
            };
            let value = if rng.random_ratio(1, 5) {
                json!({"@type": "QuantitativeValue", "value": round_to((low + high) / 2.0, if role.hourly { 0.5 } else { 1000.0 }), "unitText": unit})
            } else {
                json!({"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitText": unit})
            };
            object.insert(
                "baseSalary".into(),
                json!({"@type": "MonetaryAmount", "currency": "USD", "value": value}),
            );
        }
    }
    posting
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::jobs::posting::{CatalogCodes, parse};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn the_same_seed_and_day_write_the_same_postings() {
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        write_postings(&mut a, 200, 7, today()).unwrap();
        write_postings(&mut b, 200, 7, today()).unwrap();
        write_postings(&mut c, 200, 8, today()).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(String::from_utf8(a).unwrap().lines().count(), 200);
    }

    #[test]
    fn generated_postings_are_open_demo_postings_that_parse() {
        let file = CatalogFile::parse(DEMO_CATALOG).unwrap();
        let mut classes = Vec::new();
        for (i, e) in file.exam.iter().enumerate() {
            classes.push((i as i64, e.code.clone(), e.title.clone()));
        }
        for (i, c) in file.certification.iter().enumerate() {
            classes.push((1000 + i as i64, c.code.clone(), c.title.clone()));
        }
        let codes = CatalogCodes::new(classes);
        let now = today().and_hms_opt(12, 0, 0).unwrap().and_utc();
        let mut out = Vec::new();
        write_postings(&mut out, 500, 3, today()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut remote = 0;
        let mut salaried = 0;
        for line in text.lines() {
            let value: Value = serde_json::from_str(line).unwrap();
            let (posting, warnings) = parse(&value, &codes, now).unwrap();
            assert!(warnings.is_empty(), "{warnings:?}");
            assert!(posting.demo);
            assert!(posting.valid_through > now);
            assert!(posting.date_posted <= today());
            assert!(!posting.badge_classes.is_empty());
            assert!(!posting.occupations.is_empty());
            assert!(!posting.skills.is_empty());
            assert!(posting.apply_url.starts_with("https://jobs.example/"));
            if posting.remote {
                remote += 1;
            } else {
                assert_eq!(posting.country.as_deref(), Some("US"));
                assert!(posting.state.is_some() && posting.locality.is_some());
            }
            if let Some(salary) = posting.salary {
                salaried += 1;
                assert_eq!(salary.currency, "USD");
                let annual = salary.annual_min();
                assert!((25_000..300_000).contains(&annual), "{annual}");
            }
        }
        assert!((75..200).contains(&remote), "{remote}");
        assert!(salaried > 350, "{salaried}");
    }
}
