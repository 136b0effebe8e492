// @ts-check
// Prices each order in euros with the exchange rate of a web service (the `rates` URL binding),
// and marks the order for a retry when the service fails.

/**
 * @param {any} doc
 * @param {EventingMeta} meta
 */
function OnUpdate(doc, meta) {
  if (doc.currency === 'EUR' || typeof doc.amount !== 'number') return;
  try {
    const response = curl('GET', rates, {
      path: '/latest',
      params: { from: doc.currency, to: 'EUR' },
    });
    if (response.status !== 200) throw new Error('rates service answered ' + response.status);
    priced[meta.id] = {
      amount: doc.amount,
      currency: doc.currency,
      eur: Math.round(doc.amount * response.body.rate * 100) / 100,
    };
  } catch (e) {
    log('could not price', meta.id, String(e));
    priced[meta.id] = { amount: doc.amount, currency: doc.currency, eur: null, retry: true };
  }
}
