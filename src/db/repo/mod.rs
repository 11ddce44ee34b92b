//! Reading and writing tables. Every function takes `&impl ConnectionTrait`, so the services
//! can call it inside or outside a transaction; none of them decides who may do what.

pub mod audit;
pub mod bulk;
pub mod case_list;
pub mod cases;
pub mod centre;
pub mod events;
pub mod login_failures;
pub mod notes;
pub mod people;
pub mod sessions;
pub mod tasks;
pub mod tokens;
pub mod users;
