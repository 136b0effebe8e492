function OnUpdate(doc, meta) {
  const doubled = doc.n * 2;
  dst[meta.id] = { n: doubled };
  if (doc.stop) {
    // biome-ignore lint/suspicious/noDebugger: the tests stop here
    debugger;
  }
}
