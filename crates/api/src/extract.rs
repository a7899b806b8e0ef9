//! Extractors: JSON bodies, queries and paths whose rejections are problems, and the
//! authenticated principal.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use mynumber_core::Principal;
use serde::de::DeserializeOwned;

use crate::{ApiError, AppState};
use mynumber_core::FieldError;

/// `Json<T>` whose every rejection is an RFC 9457 problem like the API's other errors.
#[derive(Debug)]
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(v)| Self(v))
            .map_err(ApiError::from)
    }
}

/// `Query<T>` whose rejection is a problem (422, naming what could not be read).
#[derive(Debug)]
pub struct AppQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for AppQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Self(v))
            .map_err(|r| {
                ApiError::invalid(
                    &FieldError::new("query", "problem-unreadable").arg("detail", r.body_text()),
                )
            })
    }
}

/// `Path<T>` whose rejection is a problem.
#[derive(Debug)]
pub struct AppPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for AppPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Self(v))
            .map_err(|r| {
                ApiError::invalid(
                    &FieldError::new("path", "problem-unreadable").arg("detail", r.body_text()),
                )
            })
    }
}

/// The principal behind the request's bearer token, as the door's guard authenticated it (or,
/// behind no guard, authenticated here).
#[derive(Debug)]
pub struct Authenticated(pub Principal);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(p) = parts.extensions.get::<Principal>() {
            return Ok(Self(p.clone()));
        }
        let client = crate::doors::client_address(state, &parts.extensions, &parts.headers);
        Ok(Self(
            crate::doors::authenticate(state, &parts.headers, client).await?,
        ))
    }
}
