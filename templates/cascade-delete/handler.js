// When a customer is deleted, deletes their orders and their addresses: the orders with a
// SQL++ statement, the address through a bucket binding. Inline SQL++ is not JavaScript, so
// an editor cannot type-check this file; Eventing (and eventing-dev) turn it into a N1QL() call.

/**
 * @param {EventingMeta} meta
 * @param {{ expired: boolean }} options
 */
function OnDelete(meta, options) {
  const customer = meta.id;
  DELETE FROM shop.sales.orders WHERE customer_id = $customer;
  delete addresses[customer];
  log('deleted everything of', customer, options.expired ? '(expired)' : '');
}
