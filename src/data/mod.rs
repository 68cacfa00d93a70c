//! Data sets: the toy 2-D problems of the playground (generated from a seed), their
//! input features, and points loaded from CSV.

pub mod toy;
