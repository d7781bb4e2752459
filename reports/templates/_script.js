(function () {
  "use strict";
  var form = document.getElementById("filters");
  var findings = Array.prototype.slice.call(document.querySelectorAll("#findings article.finding"));
  var status = document.getElementById("filter-status");
  function value(name) { return form ? form.elements[name].value : ""; }
  function apply() {
    var src = value("source"), type = value("type"), sev = value("severity"), shown = 0;
    findings.forEach(function (a) {
      var ok = (!src || a.getAttribute("data-source") === src) && (!type || a.getAttribute("data-type") === type) &&
        (!sev || a.getAttribute("data-severity") === sev);
      a.hidden = !ok;
      if (ok) { shown += 1; }
    });
    if (status) { status.textContent = shown + " of " + findings.length + " findings shown"; }
  }
  function reveal() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
      if (el.hidden && form) { form.reset(); apply(); }
    }
    if (target) { target.scrollIntoView(); }
  }
  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  if (location.hash) { reveal(); }
}());
