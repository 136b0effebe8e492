// The User-Agent the server's curl() sends unless the request sets one. Its form, from the echoed
// requests in Couchbase's documentation: `libcurl/<libcurl version> couchbase/<eventing version>
// (eventing)`, e.g. `libcurl/7.66.0-DEV couchbase/evt-7.0.0-0000-ee (eventing)`.
// fidelity: the versions are those of no particular build; a server sends its own libcurl's and
// its own `evt-<version>-<build>-<edition>`.
export const CURL_USER_AGENT = 'libcurl/8.11.1-DEV couchbase/evt-8.0.0-0000-ee (eventing)';
