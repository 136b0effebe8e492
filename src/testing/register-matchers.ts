// Imported by the package's entry points. Inside a vitest worker it registers the Eventing
// matchers, so that a test run by plain vitest (without `vitestPreset()`) still has
// toHaveLogged and the others instead of "Invalid Chai property". Elsewhere (serve, scripts)
// nothing happens and vitest is not loaded.
if ('__vitest_worker__' in globalThis) {
  const [{ expect }, { eventingMatchers }] = await Promise.all([
    import('vitest'),
    import('./matchers.ts'),
  ]);
  expect.extend(eventingMatchers);
}
