"""Streamlit panels of the app (the only package, with streamlit_app.py, that imports streamlit)."""
