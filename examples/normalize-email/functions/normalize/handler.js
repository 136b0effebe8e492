// Normalises e-mail addresses in place. The write goes back into the function's own source
// keyspace; Eventing does not deliver a function's own writes back to it, so this does not loop.
function OnUpdate(doc, meta) {
  if (typeof doc.email !== 'string') return;
  var normalized = doc.email.trim().toLowerCase();
  if (normalized === doc.email) return;
  doc.email = normalized;
  users[meta.id] = doc;
}
