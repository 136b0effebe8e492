// Keeps an enriched copy of every airline document: the country as an ISO code, looked up in
// the COUNTRY_CODES constant binding. Deleting the airline deletes its copy.
function OnUpdate(doc, meta) {
  if (doc.type !== 'airline') return;
  var code = COUNTRY_CODES[doc.country];
  enriched[meta.id] = {
    name: doc.name,
    callsign: doc.callsign || null,
    country: doc.country,
    country_code: code === undefined ? null : code,
  };
  log('enriched', meta.id, code === undefined ? 'unknown country' : code);
}

function OnDelete(meta, options) {
  delete enriched[meta.id];
}
