// Draws the compliance charts from the JSON in each element's data-series attribute (the CSP
// forbids inline script). "trend": daily scores without and with exceptions; "controls": pass
// and fail per control as stacked bars.
(function () {
  function trend(chart, s) {
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      xAxis: { type: 'category', data: s.days || [] },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        { name: 'Score', type: 'line', data: s.score || [], connectNulls: true },
        { name: 'With exceptions', type: 'line', data: s.withExceptions || [], connectNulls: true }
      ]
    });
  }
  function controls(chart, s) {
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      xAxis: { type: 'category', data: s.controls || [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Pass', type: 'bar', stack: 'assets', data: s.pass || [], color: '#198754' },
        { name: 'Fail', type: 'bar', stack: 'assets', data: s.fail || [], color: '#dc3545' }
      ]
    });
  }
  document.querySelectorAll('[data-compliance-chart]').forEach(function (el) {
    var series = JSON.parse(el.dataset.series || '{}');
    var chart = echarts.init(el);
    (el.dataset.complianceChart === 'controls' ? controls : trend)(chart, series);
    el.dataset.rendered = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
