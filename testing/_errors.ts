/**
 * Okta-shaped error answers. Handlers throw {@linkcode FakeFailure}; the pipeline renders it as
 * `{errorCode, errorSummary, errorLink, errorId, errorCauses}`, the body Okta sends.
 *
 * @module
 */

/** An Okta error a handler wants to answer with. */
export class FakeFailure extends Error {
  /** HTTP status. */
  readonly status: number;
  /** Okta error code such as `E0000007`. */
  readonly code: string;
  /** Cause summaries (`errorCauses[].errorSummary`). */
  readonly causes: string[];
  /** Extra response headers (for example `WWW-Authenticate`). */
  readonly headers: Record<string, string>;

  /** Creates a failure; `summary` becomes `errorSummary`. */
  constructor(status: number, code: string, summary: string, causes: string[] = [], headers = {}) {
    super(summary);
    this.name = "FakeFailure";
    this.status = status;
    this.code = code;
    this.causes = causes;
    this.headers = headers;
  }
}

/** 400 E0000001: validation failed; each cause names its field (`login: ...`). */
export function invalid(field: string, ...causes: string[]): FakeFailure {
  return new FakeFailure(400, "E0000001", `Api validation failed: ${field}`, causes);
}

/** 404 E0000007 for a missing resource. */
export function notFound(what?: string): FakeFailure {
  return new FakeFailure(404, "E0000007", `Not found: Resource not found: ${what ?? "resource"}`);
}

/** 403 E0000038: the resource's status does not allow the operation. */
export function wrongStatus(): FakeFailure {
  return new FakeFailure(403, "E0000038", "This operation is not allowed in the user's current status.");
}

/** 400 E0000031: a `filter`, `search` or `q` expression the fake (or Okta) cannot evaluate. */
export function badSearch(detail: string): FakeFailure {
  return new FakeFailure(400, "E0000031", "Invalid search criteria.", [detail]);
}

/** Renders a failure as Okta's JSON error body. `errorId` comes from the caller (deterministic). */
export function errorResponse(failure: FakeFailure, errorId: string): Response {
  const body = {
    errorCode: failure.code,
    errorSummary: failure.message,
    errorLink: failure.code,
    errorId,
    errorCauses: failure.causes.map((errorSummary) => ({ errorSummary })),
  };
  return new Response(JSON.stringify(body), {
    status: failure.status,
    headers: { "content-type": "application/json", ...failure.headers },
  });
}
