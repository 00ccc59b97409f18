/* 预警实时队列 — the live alert queue (R36).
 *
 * Listens to /command/alerts/stream (server-sent events) and puts each new open alert at
 * the top of the 待处理 list, without a reload. A row is a clone of the page's
 * <template id="alert-row">: the alert's values go in with textContent, never as HTML,
 * and the forms' actions are built from the alert's id (URL-encoded). The stream ends
 * itself every 20 s; EventSource reconnects with the last event's id (what the page
 * knows), so nothing is sent twice and nothing raised meanwhile is missed.
 */
(function () {
  "use strict";

  var live = document.getElementById("live");
  var body = document.getElementById("alerts-open");
  var template = document.getElementById("alert-row");
  if (!live || !body || !template || !window.EventSource) {
    return;
  }
  var root = live.getAttribute("data-root") || "";
  var state = document.getElementById("live-state");
  var count = document.getElementById("count-open");

  function show(mode, text) {
    live.setAttribute("data-live", mode);
    if (state) {
      state.textContent = text;
    }
  }

  function known(alertId) {
    var rows = body.querySelectorAll("tr[data-alert-id]");
    for (var i = 0; i < rows.length; i += 1) {
      if (rows[i].getAttribute("data-alert-id") === alertId) {
        return true;
      }
    }
    return false;
  }

  function fill(row, alert) {
    var cells = row.querySelectorAll("[data-field]");
    for (var i = 0; i < cells.length; i += 1) {
      var value = alert[cells[i].getAttribute("data-field")];
      cells[i].textContent = value === undefined || value === null ? "" : String(value);
    }
    var link = row.querySelector("[data-case-link]");
    if (link) {
      if (alert.case_id) {
        link.setAttribute("href", root + "/cases/" + encodeURIComponent(alert.case_id));
      } else {
        link.removeAttribute("href");
      }
    }
    var forms = row.querySelectorAll("form[data-action]");
    for (var j = 0; j < forms.length; j += 1) {
      forms[j].setAttribute("action", root + "/alerts/" + encodeURIComponent(alert.alert_id)
        + "/" + forms[j].getAttribute("data-action"));
    }
  }

  function insert(alert) {
    if (!alert || typeof alert.alert_id !== "string" || known(alert.alert_id)) {
      return;
    }
    var row = template.content.firstElementChild.cloneNode(true);
    row.setAttribute("data-alert-id", alert.alert_id);
    row.classList.add("is-open", "is-new");
    fill(row, alert);
    var empty = body.querySelector("tr.empty");
    if (empty) {
      empty.parentNode.removeChild(empty);
    }
    body.insertBefore(row, body.firstChild);
    if (count) {
      count.textContent = String(body.querySelectorAll("tr[data-alert-id]").length);
    }
  }

  var source = new EventSource(live.getAttribute("data-stream"));
  source.addEventListener("open", function () {
    show("on", "实时更新中");
  });
  source.addEventListener("alert", function (message) {
    var alert;
    try {
      alert = JSON.parse(message.data);
    } catch (ignored) {
      return;
    }
    insert(alert);
  });
  source.addEventListener("end", function () {
    show("waiting", "正在重新连接…");
  });
  source.addEventListener("error", function () {
    if (source.readyState === EventSource.CLOSED) {
      show("off", "实时更新已中断，请刷新页面");
    } else {
      show("waiting", "正在重新连接…");
    }
  });
}());
