/*
 * Draws the charts of the insights page with the vendored Chart.js.
 *
 * Each <figure data-chart="..."> names the <script type="application/json">
 * (Django's json_script) holding its figures; the table beside the chart has
 * the same figures, so nothing is lost without this script.
 */
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }

  var styles = window.getComputedStyle(document.documentElement);
  function token(name) {
    return styles.getPropertyValue(name).trim();
  }

  var OUTCOME_COLOURS = {
    granted: "--color-flexible",
    granted_outside: "--color-tier-3",
    upheld: "--color-muted",
    escalated: "--color-tier-2",
  };
  // Okabe-Ito colours stay distinct with the common colour-vision deficiencies;
  // each line also gets its own point shape.
  var LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
  var POINT_SHAPES = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "cross"];

  var builders = {
    outcomes: function (data) {
      return {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.series.map(function (series) {
            return {
              label: series.label,
              data: series.values,
              backgroundColor: token(OUTCOME_COLOURS[series.key]),
            };
          }),
        },
        options: {
          indexAxis: "y",
          scales: {
            x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Cases" } },
            y: { stacked: true },
          },
        },
      };
    },
    trend: function (data) {
      var datasets = data.series.map(function (series, index) {
        var colour = LINE_COLOURS[index % LINE_COLOURS.length];
        return {
          label: series.label,
          data: series.values,
          borderColor: colour,
          backgroundColor: colour,
          pointStyle: POINT_SHAPES[index % POINT_SHAPES.length],
          pointRadius: 4,
          tension: 0,
        };
      });
      datasets.push({
        label: "Review threshold",
        data: data.labels.map(function () {
          return data.threshold;
        }),
        borderColor: token("--color-error"),
        borderDash: [6, 4],
        pointRadius: 0,
        fill: false,
      });
      return {
        type: "line",
        data: { labels: data.labels, datasets: datasets },
        options: {
          scales: {
            y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Pressure points" } },
          },
        },
      };
    },
  };

  window.Chart.defaults.color = token("--color-text");
  window.Chart.defaults.font.family = token("--font-body");
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
    var build = builders[figure.dataset.chart];
    var source = document.getElementById(figure.dataset.chartSource);
    if (!build || !source) {
      return;
    }
    var config = build(JSON.parse(source.textContent));
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    config.options.plugins = { legend: { position: "bottom", labels: { usePointStyle: true } } };
    if (reduceMotion) {
      config.options.animation = false;
    }
    new window.Chart(figure.querySelector("canvas"), config);
  });
})();
