// @ts-check
// Reminds a user an hour after they start a checkout they have not finished: a timer per
// checkout, cancelled when the checkout completes.

/**
 * @param {any} doc
 * @param {EventingMeta} meta
 */
function OnUpdate(doc, meta) {
  if (doc.status === 'started') {
    const anHourLater = new Date(Date.now() + 60 * 60 * 1000);
    createTimer(Remind, anHourLater, meta.id, { checkout: meta.id, email: doc.email });
  } else if (doc.status === 'completed') {
    cancelTimer(Remind, meta.id);
  }
}

/** @param {{ checkout: string, email: string }} context */
function Remind(context) {
  reminders[context.checkout] = { email: context.email, sent_at: new Date().toISOString() };
  log('reminded', context.email);
}
