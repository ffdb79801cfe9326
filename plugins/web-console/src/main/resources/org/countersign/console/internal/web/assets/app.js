// The console's entry point: routes in the browser and renders pages from the JSON API.
document.getElementById('app').textContent = 'Countersign';
