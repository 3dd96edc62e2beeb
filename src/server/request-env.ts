/**
 * What the listening layer (serve.ts) tells the app about each request, as Hono's `c.env`: who
 * sent it (the socket's address, or the client a trusted proxy names) and whether it came over
 * HTTPS. The app writes back who was signed in, for the request log. In-process tests
 * (`app.request()`) pass nothing: every field is optional.
 */
export interface RequestInfo {
  /** Set by the app once the session is known; read by the request log. */
  userId?: string;
}

export interface RequestEnv {
  /** The client's address (after the trusted-proxy rule); undefined in in-process tests. */
  readonly clientIp?: string;
  /** True when the client reached us over HTTPS (directly, or as a trusted proxy says). */
  readonly secure?: boolean;
  readonly info?: RequestInfo;
}
