//! Career insights: the occupations a badge leads to and their wages (the US Bureau of Labor
//! Statistics' OEWS data), the job postings employers send, and how a candidate's accepted
//! badges match them. Tables: `migrations/20261204000001_insights.sql`.
//!
//! The read side: [`wages`] (occupations, wage figures, areas, the release), [`matching`]
//! (the candidate's badges against the open postings, best first; employers), [`index`] (the
//! open postings in memory, for matching), [`chart`] (the
//! wage chart as SVG), [`asked`] (the public page's count of postings, kept a minute).

pub mod asked;
pub mod chart;
pub mod index;
pub mod matching;
pub mod wages;
