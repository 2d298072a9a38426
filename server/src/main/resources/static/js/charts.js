// Draws every element with data-chart from the JSON in its data-series attribute, so pages
// carry their data in markup and need no inline script (the CSP forbids it).
(function () {
  function draw(el) {
    var series = JSON.parse(el.dataset.series || '{}');
    var names = Object.keys(series);
    var chart = echarts.init(el);
    if (el.dataset.chart === 'pie') {
      chart.setOption({
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['40%', '70%'],
          data: names.map(function (n) { return { name: n, value: series[n] }; }) }]
      });
    } else {
      chart.setOption({
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: names.map(function (n) { return series[n]; }) }]
      });
    }
    el.dataset.rendered = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.querySelectorAll('[data-chart]').forEach(draw);
})();
