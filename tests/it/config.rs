//! Start-up configuration: the secret key a release build needs.

use rocket::config::SecretKey;

#[test]
fn a_release_start_without_a_key_generates_one_kept_private_and_reused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let figment = coopkit::config::figment().select("release");

    let first = coopkit::config::ensure_secret_key(figment.clone(), dir.path()).expect("key made");

    let key: SecretKey = first
        .extract_inner("secret_key")
        .expect("a key Rocket can read");
    assert!(!key.is_zero());
    let path = dir.path().join("secret_key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner may read the key");
    }
    let again = coopkit::config::ensure_secret_key(figment, dir.path()).expect("key read");
    let same: SecretKey = again.extract_inner("secret_key").expect("key");
    assert!(
        same == key,
        "the saved key is used again, so sessions survive a restart"
    );
}

#[test]
fn a_configured_key_is_left_alone() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let figment = coopkit::config::figment()
        .select("release")
        .merge(("secret_key", "hPRYyVRiMyxpw5sBB1XeCMN1kFsDCqKvBi2QJxBVHQk="));
    coopkit::config::ensure_secret_key(figment, dir.path()).expect("nothing to do");
    assert!(!dir.path().join("secret_key").exists());
}

/// Started from the wrong folder, the server refuses to start with a message (the start-up
/// fairing fails) instead of panicking in the static file server.
#[rocket::async_test]
async fn a_missing_templates_folder_stops_the_start_without_a_panic() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let figment = coopkit::config::figment()
        .merge((
            "database_url",
            format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("db.sqlite").display()
            ),
        ))
        .merge((
            "template_dir",
            dir.path().join("nowhere").display().to_string(),
        ))
        .merge(("log_level", "off"));
    match rocket::local::asynchronous::Client::tracked(coopkit::build(figment)).await {
        Ok(_) => panic!("the server must not start without its templates"),
        Err(e) => assert!(
            matches!(e.kind(), rocket::error::ErrorKind::FailedFairings(_)),
            "the start-up fairing refused: {e}"
        ),
    }
}
