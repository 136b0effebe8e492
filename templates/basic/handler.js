// @ts-check
// Keeps a copy of every document of the source keyspace in the `copies` keyspace.

/**
 * @param {any} doc
 * @param {EventingMeta} meta
 */
function OnUpdate(doc, meta) {
  copies[meta.id] = doc;
  log('copied', meta.id);
}

/**
 * @param {EventingMeta} meta
 * @param {{ expired: boolean }} options
 */
function OnDelete(meta, options) {
  delete copies[meta.id];
  log(options.expired ? 'expired' : 'deleted', meta.id);
}
