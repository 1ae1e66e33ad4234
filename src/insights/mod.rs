//! Career insights: the occupations a badge leads to and their wages (the US Bureau of Labor
//! Statistics' OEWS data), the job postings employers send, and how a candidate's accepted
//! badges match them. Tables: `migrations/20261204000001_insights.sql`.
//!
//! The write side: [`wages`] (the wage data file: parse, report bad lines, load), [`jobs`]
//! (job postings in), skills and the catalog's mapping (written by `catalog::load`). The read
//! side: [`occupations`] (occupations, wage figures, areas, the release), [`matching`] (the
//! candidate's badges against the open postings, best first; employers), [`index`] (the
//! open postings in memory, for matching), [`chart`] (the wage chart as SVG), [`asked`] (the
//! public page's count of postings, kept a minute).

pub mod asked;
pub mod chart;
pub mod index;
pub mod jobs;
pub mod matching;
pub mod occupations;
pub mod soc;
pub mod wages;

pub use soc::SocCode;
