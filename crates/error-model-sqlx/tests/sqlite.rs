//! The conversion against a real SQLite database (in memory): the errors
//! SQLite itself raises for unique, foreign key and check constraints, a
//! missing row and a pool that times out; then end to end, through an axum
//! service over 127.0.0.1 and a real HTTP client, with no SQL text, column
//! or inserted value in any body.

use std::error::Error as _;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use error_model::{ApiError, ResourceRef};
use error_model_axum::{Json, Path};
use error_model_sqlx::{Mapping, OrApi, from_sqlx};
use serde_json::{Value, json};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

const SCHEMA: &[&str] = &[
    "CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE leads (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        team_id INTEGER NOT NULL REFERENCES teams(id),
        score INTEGER NOT NULL CONSTRAINT score_in_range CHECK (score BETWEEN 0 AND 100)
    )",
    "INSERT INTO teams (id, name) VALUES (1, 'sales')",
];

fn mapping() -> Mapping {
    Mapping::new().resource("leads.email", "lead").resource("score_in_range", "lead").retry_after(2)
}

/// One in-memory database, behind a pool of one connection (each SQLite
/// in-memory connection is a database of its own), with foreign keys on.
async fn database(acquire_timeout: Duration) -> SqlitePool {
    let options = "sqlite::memory:".parse::<SqliteConnectOptions>().unwrap().foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(acquire_timeout)
        .connect_with(options)
        .await
        .unwrap();
    for statement in SCHEMA {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    let on: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&pool).await.unwrap();
    assert_eq!(on, 1);
    pool
}

async fn insert(pool: &SqlitePool, email: &str, team: i64, score: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO leads (email, team_id, score) VALUES (?, ?, ?) RETURNING id")
        .bind(email)
        .bind(team)
        .bind(score)
        .fetch_one(pool)
        .await
}

/// The body every dialect would carry, as JSON text.
fn body(err: &ApiError) -> String {
    serde_json::to_string(&err.envelope()).unwrap()
}

fn assert_no_sql(text: &str) {
    for leak in
        ["INSERT", "leads", "email", "UNIQUE", "FOREIGN", "CHECK", "score", "constraint", "ana@example.com", "77"]
    {
        assert!(!text.contains(leak), "{leak} leaked: {text}");
    }
}

#[tokio::test]
async fn sqlite_constraint_violations() {
    let pool = database(Duration::from_secs(5)).await;
    insert(&pool, "ana@example.com", 1, 50).await.unwrap();

    // UNIQUE (SQLite 2067): ALREADY_EXISTS naming the mapped resource.
    let raw = insert(&pool, "ana@example.com", 1, 60).await.unwrap_err();
    assert_eq!(raw.as_database_error().unwrap().code().as_deref(), Some("2067"));
    let err = from_sqlx(raw, &mapping());
    assert_eq!((err.code().as_str(), err.status().as_u16()), ("ALREADY_EXISTS", 409));
    assert_eq!(err.details().resource.as_ref().unwrap().kind.as_deref(), Some("lead"));
    assert_eq!(err.details().resource.as_ref().unwrap().id, None);
    assert!(err.source().unwrap().to_string().contains("leads.email"), "the source keeps the cause");
    assert_no_sql(&body(&err));

    // Unmapped: still ALREADY_EXISTS, naming nothing.
    let err = insert(&pool, "ana@example.com", 1, 60).await.or_api().unwrap_err();
    assert_eq!(err.code().as_str(), "ALREADY_EXISTS");
    assert!(err.details().resource.is_none());

    // PRIMARY KEY (SQLite 1555): ALREADY_EXISTS too.
    let raw = sqlx::query("INSERT INTO teams (id, name) VALUES (1, 'again')").execute(&pool).await.unwrap_err();
    assert_eq!(raw.as_database_error().unwrap().code().as_deref(), Some("1555"));
    assert_eq!(from_sqlx(raw, &mapping()).code().as_str(), "ALREADY_EXISTS");

    // FOREIGN KEY (SQLite 787): CONFLICT.
    let raw = insert(&pool, "bo@example.com", 77, 50).await.unwrap_err();
    assert_eq!(raw.as_database_error().unwrap().code().as_deref(), Some("787"));
    let err = from_sqlx(raw, &mapping());
    assert_eq!((err.code().as_str(), err.status().as_u16()), ("CONFLICT", 409));
    assert_no_sql(&body(&err));
    // Deleting a row still referred to: CONFLICT as well.
    let err = sqlx::query("DELETE FROM teams WHERE id = 1").execute(&pool).await.or_api().unwrap_err();
    assert_eq!(err.code().as_str(), "CONFLICT");

    // CHECK (SQLite 275), a named constraint: INVALID_INPUT naming the resource.
    let raw = insert(&pool, "cy@example.com", 1, 777).await.unwrap_err();
    assert_eq!(raw.as_database_error().unwrap().code().as_deref(), Some("275"));
    let err = from_sqlx(raw, &mapping());
    assert_eq!((err.code().as_str(), err.status().as_u16()), ("INVALID_INPUT", 400));
    assert_eq!(err.details().resource.as_ref().unwrap().kind.as_deref(), Some("lead"));
    assert_no_sql(&body(&err));

    // NOT NULL (SQLite 1299): the service's own bug, INTERNAL_ERROR.
    let err = sqlx::query("INSERT INTO teams (id) VALUES (2)").execute(&pool).await.or_api().unwrap_err();
    assert_eq!(err.code().as_str(), "INTERNAL_ERROR");
    assert!(err.source().unwrap().to_string().contains("NOT NULL"));

    // A syntax error: INTERNAL_ERROR, the SQL in the source only.
    let err = sqlx::query("SELEC email FROM leads").execute(&pool).await.or_api().unwrap_err();
    assert_eq!((err.code().as_str(), err.status().as_u16()), ("INTERNAL_ERROR", 500));
    assert!(err.source().unwrap().to_string().contains("SELEC"));
    assert_no_sql(&body(&err));
}

#[tokio::test]
async fn a_missing_row_is_not_found() {
    let pool = database(Duration::from_secs(5)).await;
    let missing =
        sqlx::query_scalar::<_, String>("SELECT email FROM leads WHERE id = ?").bind(9).fetch_one(&pool).await;
    let err = missing.or_not_found(ResourceRef::new("lead", "9")).unwrap_err();
    assert_eq!((err.code().as_str(), err.status().as_u16()), ("NOT_FOUND", 404));
    assert_eq!(err.details().resource.as_ref().unwrap().id.as_deref(), Some("9"));
    assert!(matches!(err.source().unwrap().downcast_ref::<sqlx::Error>(), Some(sqlx::Error::RowNotFound)));
}

#[tokio::test]
async fn a_pool_timeout_is_unavailable_with_a_retry_hint() {
    let pool = database(Duration::from_millis(50)).await;
    let held = pool.acquire().await.unwrap();
    let raw = sqlx::query("SELECT 1").execute(&pool).await.unwrap_err();
    assert!(matches!(raw, sqlx::Error::PoolTimedOut), "{raw:?}");
    let err = from_sqlx(raw, &mapping());
    assert_eq!((err.code().as_str(), err.status().as_u16()), ("SERVICE_UNAVAILABLE", 503));
    assert_eq!(err.retry_after(), Some(2));
    drop(held);
    pool.close().await;
    let err = sqlx::query("SELECT 1").execute(&pool).await.or_api().unwrap_err();
    assert_eq!((err.code().as_str(), err.retry_after()), ("SERVICE_UNAVAILABLE", None));
}

#[derive(serde::Deserialize)]
struct NewLead {
    email: String,
    team_id: i64,
    score: i64,
}

async fn create(State(pool): State<SqlitePool>, Json(lead): Json<NewLead>) -> Result<Json<Value>, ApiError> {
    let id = insert(&pool, &lead.email, lead.team_id, lead.score).await.or_api_with(&mapping())?;
    Ok(Json(json!({ "id": id })))
}

async fn read(State(pool): State<SqlitePool>, Path(id): Path<i64>) -> Result<Json<Value>, ApiError> {
    let email: String = sqlx::query_scalar("SELECT email FROM leads WHERE id = ?")
        .bind(id)
        .fetch_one(&pool)
        .await
        .or_not_found(ResourceRef::new("lead", id.to_string()))?;
    Ok(Json(json!({ "id": id, "email": email })))
}

#[tokio::test]
async fn through_an_axum_service_over_tcp() {
    let pool = database(Duration::from_secs(5)).await;
    let app = Router::new().route("/leads", post(create)).route("/leads/{id}", get(read)).with_state(pool);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let post = |lead: Value| {
        client.post(format!("{base}/leads")).header("content-type", "application/json").body(lead.to_string()).send()
    };

    let res = post(json!({ "email": "ana@example.com", "team_id": 1, "score": 50 })).await.unwrap();
    assert_eq!(res.status(), 200);
    let created: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();

    for (lead, status, code) in [
        (json!({ "email": "ana@example.com", "team_id": 1, "score": 60 }), 409, "ALREADY_EXISTS"),
        (json!({ "email": "ana2@example.com", "team_id": 77, "score": 60 }), 409, "CONFLICT"),
        (json!({ "email": "ana3@example.com", "team_id": 1, "score": 777 }), 400, "INVALID_INPUT"),
    ] {
        let res = post(lead).await.unwrap();
        assert_eq!(res.status(), status, "{code}");
        let text = res.text().await.unwrap();
        assert_no_sql(&text);
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body["error"]["code"], code, "{text}");
    }

    let res = client.get(format!("{base}/leads/{}", created["id"])).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let res = client.get(format!("{base}/leads/9")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let body: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "NOT_FOUND");
    assert_eq!(body["error"]["details"]["resource"], json!({ "type": "lead", "id": "9" }));
}
