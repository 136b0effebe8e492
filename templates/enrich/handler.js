// @ts-check
// Keeps an enriched copy of each order: its total with tax, at the rate of the order's
// country (the TAX_RATES constant binding), and the customer's name from the customers
// keyspace (read-only binding).

/**
 * @param {any} doc
 * @param {EventingMeta} meta
 */
function OnUpdate(doc, meta) {
  if (doc.type !== 'order') return;
  var rate = TAX_RATES[doc.country];
  var customer = customers[doc.customer_id];
  enriched[meta.id] = {
    order_id: meta.id,
    customer: customer ? customer.name : null,
    net: doc.amount,
    tax_rate: rate === undefined ? null : rate,
    gross: rate === undefined ? null : Math.round(doc.amount * (1 + rate) * 100) / 100,
  };
}

/** @param {EventingMeta} meta */
function OnDelete(meta) {
  delete enriched[meta.id];
}
