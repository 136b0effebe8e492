import type { UrlBinding } from '../../src/definition/types.ts';

/** A URL binding without auth or cookies that checks certificates, with `patch` applied. */
export function urlBinding(hostname: string, patch: Partial<UrlBinding> = {}): UrlBinding {
  return {
    hostname,
    value: 'api',
    auth_type: 'no-auth',
    username: '',
    password: '',
    bearer_key: '',
    allow_cookies: false,
    validate_ssl_certificate: true,
    ...patch,
  };
}
