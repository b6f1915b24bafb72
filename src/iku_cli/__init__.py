"""iku: compute an agency's Indikator Kinerja Utama from its bidang workbooks."""

__version__ = "0.1.0"
