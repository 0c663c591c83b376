/* Optional filter for the A–Z index of service cards. The page is complete without it. */
(function () {
  "use strict";
  var host = document.getElementById("wyszukiwarka");
  if (!host) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll(".indeks li"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".indeks .litera"));
  var label = document.createElement("label");
  label.htmlFor = "szukaj";
  label.textContent = "Szukaj sprawy po tytule";
  var input = document.createElement("input");
  input.type = "search";
  input.id = "szukaj";
  input.autocomplete = "off";
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  host.appendChild(label);
  host.appendChild(input);
  host.appendChild(status);
  host.hidden = false;
  function norm(text) { return text.toLocaleLowerCase("pl"); }
  input.addEventListener("input", function () {
    var query = norm(input.value.trim());
    var found = 0;
    items.forEach(function (item) {
      var hit = !query || norm(item.textContent).indexOf(query) !== -1;
      item.hidden = !hit;
      if (hit) { found += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li:not([hidden])");
    });
    status.textContent = query ? "Znaleziono kart usług: " + found : "";
  });
}());
