"""Roads, routes, map layers, GeoJSON export and the folium map (no streamlit here)."""
