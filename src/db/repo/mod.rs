//! Reading and writing tables. Every function takes `&impl ConnectionTrait`, so the services
//! can call it inside or outside a transaction; none of them decides who may do what.

pub mod answers;
pub mod cases;
pub mod events;
pub mod login_failures;
pub mod sessions;
pub mod stages;
pub mod tokens;
pub mod users;
