// Charts drawn with the vendored Apache ECharts from data the page gives with json_script.
// Markup: <div class="chart" data-chart="pace|trend|funnel" data-source="<json id>"
// data-table="<fallback table id>" hidden></div>. Without JavaScript the chart stays hidden and its
// table shows; with it the chart shows and the table stays for screen readers (visually hidden)
// until the 表格 button beside the chart shows it again. No inline script (Content-Security-Policy).
(function () {
  "use strict";
  if (!window.echarts) {
    return;
  }
  var BRAND = ["#1f5fa8", "#f0a020", "#3aa57a", "#9c5fb5", "#d9534f"];
  var narrow = function () { return window.innerWidth < 576; };

  var compact = new Intl.NumberFormat(document.documentElement.lang || "zh-CN", {
    notation: "compact",
    maximumFractionDigits: 1,
  });
  function money(value) {
    return compact.format(value);
  }

  function percent(part, whole) {
    return whole ? Math.round((part / whole) * 1000) / 10 : 0;
  }

  var builders = {
    // actual and pace as a share of each target (100 % = the target): four measures of different
    // units side by side; the tooltip gives the numbers themselves
    pace: function (d) {
      var names = d.measures.map(function (m) { return m.label; });
      return {
        color: [BRAND[0], BRAND[1]],
        tooltip: {
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: function (items) {
            var m = d.measures[items[0].dataIndex];
            var show = m.key === "deposit" ? money : function (v) { return String(v); };
            return m.label + "<br>" + d.labels.actual + " " + show(m.actual) + "<br>" +
              d.labels.pace + " " + show(m.pace) + "<br>" + d.labels.target + " " + show(m.target);
          },
        },
        legend: { top: 0, data: [d.labels.actual, d.labels.pace] },
        grid: { left: 8, right: 28, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", data: names, inverse: true },
        series: [
          {
            name: d.labels.actual,
            type: "bar",
            data: d.measures.map(function (m) { return percent(m.actual, m.target); }),
            label: { show: true, position: "right", formatter: "{c}%" },
            markLine: {
              symbol: "none",
              lineStyle: { color: "#d9534f", type: "dashed" },
              label: { formatter: d.labels.target },
              data: [{ xAxis: 100 }],
            },
          },
          {
            name: d.labels.pace,
            type: "bar",
            data: d.measures.map(function (m) { return percent(m.pace, m.target); }),
          },
        ],
      };
    },
    // twelve weeks: visits and new clients as lines (left axis), deposits as bars (right axis)
    trend: function (d) {
      var short = d.weeks.map(function (w) { return w.slice(5); });
      return {
        color: [BRAND[0], BRAND[2], BRAND[1]],
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: short, axisLabel: { interval: narrow() ? 2 : 0 } },
        yAxis: [
          { type: "value", minInterval: 1 },
          { type: "value", axisLabel: { formatter: money }, splitLine: { show: false } },
        ],
        series: d.series.map(function (s) {
          var deposit = s.key === "deposit";
          return {
            name: s.name,
            type: deposit ? "bar" : "line",
            yAxisIndex: deposit ? 1 : 0,
            data: s.data,
            smooth: !deposit,
            barMaxWidth: 18,
            itemStyle: deposit ? { opacity: 0.6 } : undefined,
          };
        }),
      };
    },
    // clients per pipeline state, in pipeline order from the top
    funnel: function (d) {
      return {
        color: [BRAND[0]],
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 8, right: 28, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: {
          type: "category",
          inverse: true,
          data: d.states.map(function (s) { return s.name; }),
        },
        series: [{
          type: "bar",
          data: d.states.map(function (s) { return s.value; }),
          label: { show: true, position: "right" },
          barMaxWidth: 22,
        }],
      };
    },
  };

  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var build = builders[el.getAttribute("data-chart")];
    var source = document.getElementById(el.getAttribute("data-source"));
    if (!build || !source) {
      return;
    }
    el.hidden = false;
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(build(JSON.parse(source.textContent)));
    charts.push(chart);
    var table = document.getElementById(el.getAttribute("data-table"));
    if (table) {
      table.classList.add("visually-hidden");
      var toggle = document.querySelector("[data-table-toggle='" + table.id + "']");
      if (toggle) {
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
          var hidden = table.classList.toggle("visually-hidden");
          toggle.setAttribute("aria-expanded", hidden ? "false" : "true");
        });
      }
    }
  });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      charts.forEach(function (chart) { chart.resize(); });
    }, 100);
  });
})();
