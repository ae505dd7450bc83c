// The unit's trend chart: composite score and rates by month (ECharts, drawn on a canvas; tooltips as rich
// text so nothing needs an inline style under the page's Content-Security-Policy).
(function () {
  "use strict";
  var box = document.getElementById("trend-chart");
  var data = document.getElementById("trend-series");
  if (!box || !data || typeof echarts === "undefined") return;
  var s = JSON.parse(data.textContent);
  var keys = ["composite", "on_time", "instant", "not_bad", "reply_on_time"];
  var chart = echarts.init(box, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    tooltip: { trigger: "axis", renderMode: "richText" },
    legend: { top: 0, data: keys.map(function (k) { return s.labels[k]; }) },
    grid: { left: 48, right: 24, top: 64, bottom: 32 },
    xAxis: { type: "category", data: s.months },
    yAxis: { type: "value", min: 0, max: 100 },
    series: keys.map(function (k) {
      return { name: s.labels[k], type: "line", data: s[k], connectNulls: false, lineStyle: { width: k === "composite" ? 3 : 1.5 } };
    })
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
