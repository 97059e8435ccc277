// Draws a Leaflet map inside each .app-map container. The server only renders a container when a tile
// server is configured, and every place is also listed on the page, so the map is an extra.
export function drawMaps(root) {
  const L = window.L;
  if (!L) {
    return;
  }
  for (const container of root.querySelectorAll(".app-map[data-tile-url]")) {
    let markers;
    try {
      markers = JSON.parse(container.dataset.markers || "[]");
    } catch {
      continue;
    }
    if (markers.length === 0) {
      continue;
    }
    container.hidden = false;
    const map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(container.dataset.tileUrl, {
      attribution: container.dataset.attribution || "",
      maxZoom: 18,
    }).addTo(map);
    const points = [];
    for (const marker of markers) {
      const point = [marker.lat, marker.lon];
      points.push(point);
      const link = document.createElement("a");
      link.href = marker.url;
      link.textContent = marker.name;
      link.className = "govuk-link";
      L.marker(point, { title: marker.name, alt: marker.name }).addTo(map).bindPopup(link);
    }
    map.fitBounds(points, { maxZoom: 15, padding: [30, 30] });
  }
}
