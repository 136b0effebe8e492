// The minimal valid global definition of spec rest-api.md §4.5, as JSON text so every test
// gets its own fresh copy to change.

export const SPEC_EXAMPLE_TEXT = `{"appname":"fn1","appcode":"function OnUpdate(doc, meta) { log('id', meta.id); }",
 "depcfg":{"source_bucket":"src","source_scope":"_default","source_collection":"_default",
           "metadata_bucket":"meta","metadata_scope":"_default","metadata_collection":"_default",
           "buckets":[{"alias":"dst","bucket_name":"dst","scope_name":"_default","collection_name":"_default","access":"rw"}],
           "curl":[{"hostname":"https://example.com/api","value":"api","auth_type":"basic","username":"u","password":"p",
                    "bearer_key":"","allow_cookies":true,"validate_ssl_certificate":true}],
           "constants":[{"value":"LIMIT","literal":"100"}]},
 "settings":{"deployment_status":false,"processing_status":false,"dcp_stream_boundary":"everything",
             "worker_count":1,"log_level":"INFO","language_compatibility":"7.2.0","description":""},
 "version":"evt-7.6.0-0000-ee","function_scope":{"bucket":"*","scope":"*"}}`;

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the JSON freely to break it.
export type LooseJson = any;

/** A fresh, mutable copy of the spec example. */
export function specExample(): LooseJson {
  return JSON.parse(SPEC_EXAMPLE_TEXT);
}

/** Just what a definition needs: name, code, source and metadata buckets. */
export function bareDefinition(): LooseJson {
  return {
    appname: 'fn1',
    appcode: 'function OnUpdate(doc, meta) {}',
    depcfg: { source_bucket: 'src', metadata_bucket: 'meta' },
  };
}
