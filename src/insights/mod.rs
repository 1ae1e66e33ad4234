//! Career insights: the occupations a badge leads to and their wages (the US Bureau of Labor
//! Statistics' OEWS data), the job postings employers send, and how a candidate's accepted
//! badges match them. Tables: `migrations/20261204000001_insights.sql`.

pub mod jobs;
pub mod soc;
pub mod wages;

pub use soc::SocCode;
