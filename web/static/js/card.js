// The card field and the bank's check, through Stripe.js (localstripe's copy in the embedded default).
// A form with data-setup-secret saves a card (confirmCardSetup); one with data-payment-secret confirms
// a payment with the bank (confirmCardPayment). Either way the form is then sent with the Stripe id, and
// the site reads the outcome back from Stripe; no card number ever reaches the site.
(function () {
  "use strict";
  function send(form) {
    HTMLFormElement.prototype.submit.call(form); // form.submit is the button named "submit"
  }

  if (typeof Stripe !== "function") return; // Stripe.js did not load: the page's alternative stays shown

  function showError(form, message) {
    var error = form.querySelector("[data-card-error]");
    error.textContent = message;
    error.hidden = false;
    form.querySelector("button, input[type=submit]").disabled = false;
  }

  function whenSent(form, work) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      form.querySelector("button, input[type=submit]").disabled = true; // one click, one attempt
      work().catch(function () {
        showError(form, "The card payment service is not answering. Nothing has been charged. Try again later.");
      });
    });
  }

  document.querySelectorAll("form[data-stripe-key]").forEach(function (form) {
    var stripe = Stripe(form.dataset.stripeKey);
    document.querySelectorAll("[data-without-javascript]").forEach(function (note) { note.hidden = true; });
    form.hidden = false;

    if (form.dataset.setupSecret) {
      var card = stripe.elements().create("card");
      card.mount(form.querySelector("[data-card-element]"));
      whenSent(form, function () {
        return stripe.confirmCardSetup(form.dataset.setupSecret, { payment_method: { card: card } })
          .then(function (result) {
            if (result.error) return showError(form, result.error.message || "Your card was not saved.");
            form.querySelector("[name=setup_intent_id]").value = result.setupIntent.id;
            send(form);
          });
      });
    } else if (form.dataset.paymentSecret) {
      whenSent(form, function () {
        var data = form.dataset.paymentMethod ? { payment_method: form.dataset.paymentMethod } : {};
        return stripe.confirmCardPayment(form.dataset.paymentSecret, data).then(function (result) {
          if (result.error) return showError(form, result.error.message || "The payment was not made.");
          form.querySelector("[name=payment_intent_id]").value = result.paymentIntent.id;
          send(form);
        });
      });
    }
  });
})();
