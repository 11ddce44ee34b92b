//! Gates (ask for sign-off, approve, send back, reopen) and who may do each; the deadline
//! panel; and a broken pathway file stopping the start.
