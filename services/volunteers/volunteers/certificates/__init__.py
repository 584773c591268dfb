"""Service certificates (志愿服务证明) as documents: the printable PDF."""

from volunteers.certificates.pdf import render_certificate

__all__ = ["render_certificate"]
